import path from 'node:path';
import type { GradientNormSummary } from '../../app/train/gradients/class-summary.js';
import { gradientNormsOf } from '../../app/train/gradients/gradient-norms.js';
import { sampleGradients } from '../../app/train/gradients/sample-gradient.js';
import { checkExhibitFit } from '../../app/model/exhibit-fit.js';
import { loadMnist } from '../mnist/load-mnist.js';
import { loadModel } from '../model/load-model.js';
import { appendGradientNorms } from '../train/gradients/append-gradient-norms.js';
import { writeSampleGradients } from '../train/gradients/write-sample-gradients.js';
import { UsageError } from './cli-error.js';
import { onePositional, parseCliArgs } from './parse-cli-args.js';

const COMMAND = 'gradients';

/**
 * `kiosk gradients <manifest.json|model.onnx> [--snapshot ID] [--split train|test] (--samples 0,17,42 | --norms [--top N]) -o <out.json> [--json]`
 * Per-sample gradients of the softmax cross-entropy loss (docs/GRADIENTS.md).
 */
export async function runGradientsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCliArgs(COMMAND, args, {
    snapshot: { type: 'string' },
    samples: { type: 'string' },
    norms: { type: 'boolean' },
    split: { type: 'string', default: 'train' },
    top: { type: 'string', default: '10' },
    output: { type: 'string', short: 'o' },
    json: { type: 'boolean' },
  });
  const file = onePositional(COMMAND, positionals, 'manifest.json or model.onnx');
  if (Boolean(values.samples) === Boolean(values.norms)) throw new UsageError(`${COMMAND}: give either --samples 0,17,42 or --norms`);
  if (!values.output) throw new UsageError(`${COMMAND}: -o <out.json> is required`);
  if (!values.output.toLowerCase().endsWith('.json')) throw new UsageError(`${COMMAND}: -o must name a .json file (its binary part is written beside it)`);
  const split = values.split;
  if (split !== 'train' && split !== 'test') throw new UsageError(`${COMMAND}: --split must be train or test, got "${split}"`);
  const indices = values.samples ? parseIndices(values.samples) : [];
  const top = parseCount('--top', values.top);

  const model = await loadModel(file);
  checkExhibitFit(model, file); // MNIST: 784 pixels in, 10 digits out
  const snapshot = values.snapshot ?? model.defaultSnapshotId;
  if (!model.timeline.some((e) => e.id === snapshot)) throw new UsageError(`${COMMAND}: --snapshot "${snapshot}" is not in ${model.name}`);
  const weights = await model.loadSnapshot(snapshot);
  const data = await loadMnist(split);
  const source = { model: { name: model.name, snapshot }, network: model.network };

  if (values.samples) {
    const outside = indices.find((i) => i >= data.labels.length);
    if (outside !== undefined) throw new UsageError(`${COMMAND}: --samples ${outside} is not in the ${split} split (0-${data.labels.length - 1})`);
    const gradients = sampleGradients(weights, model.network.normalization, data.images.pixels, data.labels, indices);
    await writeSampleGradients(values.output, { ...source, split, indices, gradients });
    if (values.json) {
      process.stdout.write(JSON.stringify({ output: values.output, samples: gradients.map((g, s) => ({ index: indices[s], label: g.label, predicted: g.predicted, loss: g.loss, norm: g.norm })) }) + '\n');
    } else {
      for (const [s, g] of gradients.entries()) {
        process.stdout.write(`${split} #${indices[s]}: digit ${g.label}, predicted ${g.predicted}, loss ${g.loss.toPrecision(4)}, gradient norm ${g.norm.toPrecision(4)}\n`);
      }
      process.stdout.write(`wrote ${values.output} (${model.name}, snapshot ${snapshot}, ${gradients.length} samples x ${weights.layers.reduce((n, l) => n + l.weights.length + l.biases.length, 0).toLocaleString('en-US')} parameters)\n`);
    }
    return 0;
  }

  const started = performance.now();
  const norms = gradientNormsOf(weights, model.network.normalization, data.images.pixels, data.labels);
  const seconds = (performance.now() - started) / 1000;
  const run = { ...source, split, count: data.labels.length };
  const id = snapshot.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^[.-]/, '_');
  const { summary } = await appendGradientNorms(values.output, run, { id, snapshot }, norms, data.labels, top);
  if (values.json) {
    process.stdout.write(JSON.stringify({ output: values.output, count: norms.count, seconds, summary }) + '\n');
  } else {
    process.stdout.write(`${norms.count.toLocaleString('en-US')} ${split} images, gradient norms in ${seconds.toFixed(2)} s (${model.name}, snapshot ${snapshot})\n`);
    process.stdout.write(summaryText(summary));
    process.stdout.write(`wrote ${values.output} (entry "${id}", blob ${path.basename(values.output).replace(/\.json$/i, '')}.${id}.f32)\n`);
  }
  return 0;
}

function parseIndices(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim());
  const indices = parts.map((p) => {
    if (!/^\d{1,9}$/.test(p)) throw new UsageError(`${COMMAND}: --samples must be sample indices like 0,17,42; "${p}" is not one`);
    return Number(p);
  });
  if (new Set(indices).size !== indices.length) throw new UsageError(`${COMMAND}: --samples lists an index twice`);
  if (indices.length > 1000) throw new UsageError(`${COMMAND}: --samples lists ${indices.length} samples; at most 1000 per file (0.44 MB each)`);
  return indices;
}

function parseCount(flag: string, text: string): number {
  if (!/^\d{1,6}$/.test(text)) throw new UsageError(`${COMMAND}: ${flag} must be a whole number, got "${text}"`);
  return Number(text);
}

function summaryText(summary: GradientNormSummary): string {
  const rows = summary.classes.map(
    (c) => `  ${String(c.label).padStart(5)}  ${String(c.count).padStart(6)}  ${c.meanNorm.toExponential(3).padStart(10)}  ${c.medianNorm.toExponential(3).padStart(10)}  ${c.meanLoss.toExponential(3).padStart(10)}  ${(c.errorRate * 100).toFixed(2).padStart(6)}%`,
  );
  const hardest = summary.hardestSamples.map((s) => `  #${s.index}: digit ${s.label}, predicted ${s.predicted}, norm ${s.norm.toPrecision(4)}, loss ${s.loss.toPrecision(4)}`);
  return [
    '  digit   count   mean norm  median norm   mean loss   wrong',
    ...rows,
    `hardest digits (largest mean gradient norm first): ${summary.hardestClasses.join(' ')}`,
    ...(hardest.length ? ['hardest samples:', ...hardest] : []),
    '',
  ].join('\n');
}
