// `npm run bench [-- group...]`: one JSON line per figure on stdout.
// Groups: model, inference, hub, pen, display, train (default: all). Results go to docs/BENCHMARKS.md.
import os from 'node:os';
import { benchInference } from './inference-bench.js';
import { benchModel } from './model-bench.js';
import { printReport, type Report } from './report.js';

const groups: Record<string, (report: Report) => Promise<void>> = {
  model: benchModel,
  inference: benchInference,
  hub: async (report) => (await import('./hub-bench.js')).benchHub(report),
  pen: async (report) => (await import('./pen-bench.js')).benchPen(report),
  display: async (report) => (await import('./display-bench.js')).benchDisplay(report),
  train: async (report) => (await import('./train-bench.js')).benchTrain(report),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((g) => !groups[g]);
if (unknown.length) {
  process.stderr.write(`bench: unknown group ${unknown.join(', ')} (groups: ${Object.keys(groups).join(', ')})\n`);
  process.exit(2);
}
process.stderr.write(`bench: node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${os.platform()} ${os.arch()}\n`);
for (const name of wanted.length ? wanted : Object.keys(groups)) await groups[name]!(printReport);
