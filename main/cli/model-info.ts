import type { LoadedModel } from '../../app/model/loaded-model.js';
import { parameterCount } from '../../app/model/types.js';
import { loadModel } from '../model/load-model.js';
import { onePositional, parseCliArgs } from './parse-cli-args.js';

/** `kiosk model info <manifest.json|model.onnx> [--json]` */
export async function runModelInfo(args: string[]): Promise<number> {
  const { values, positionals } = parseCliArgs('model info', args, { json: { type: 'boolean' } });
  const model = await loadModel(onePositional('model info', positionals, 'manifest.json or model.onnx'));
  process.stdout.write(values.json ? JSON.stringify(infoJson(model)) + '\n' : infoText(model));
  return 0;
}

function infoJson(model: LoadedModel) {
  return {
    kind: model.kind,
    path: model.path,
    architecture: model.network.architecture,
    activations: model.network.layers.map((l) => l.activation),
    parameters: parameterCount(model.network.layers),
    normalization: model.network.normalization,
    default_snapshot: model.defaultSnapshotId,
    timeline: model.timeline.map((e) => ({ id: e.id, label: e.label, images_seen: e.imagesSeen, test_accuracy: e.metrics.testAccuracy ?? null })),
  };
}

function infoText(model: LoadedModel): string {
  const { network } = model;
  const lines = [
    `${model.name} (${model.kind === 'export' ? 'visualiser export' : 'ONNX'})`,
    `  path:           ${model.path}`,
    `  architecture:   ${network.architecture.join('-')}`,
    `  activations:    ${network.layers.map((l) => l.activation).join(', ')} (then softmax)`,
    `  parameters:     ${parameterCount(model.network.layers).toLocaleString('en-US')}`,
    `  normalization:  (x - ${network.normalization.mean}) / ${network.normalization.std}`,
    `  snapshots:      ${model.timeline.length} (default: ${model.defaultSnapshotId})`,
  ];
  if (model.kind === 'export') {
    const width = Math.max(...model.timeline.map((e) => e.id.length));
    for (const e of model.timeline) {
      const acc = e.metrics.testAccuracy === undefined ? '' : `${(e.metrics.testAccuracy * 100).toFixed(2)}%`;
      lines.push(`    ${e.id.padEnd(width)}  ${e.imagesSeen.toLocaleString('en-US').padStart(10)} images  ${acc}`);
    }
  }
  return lines.join('\n') + '\n';
}
