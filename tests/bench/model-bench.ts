import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseManifest } from '../../app/model/parse-manifest.js';
import { parseSnapshot } from '../../app/model/parse-snapshot.js';
import { DEFAULT_MANIFEST } from './bench-paths.js';
import { median, type Report } from './report.js';

/** model.snapshot_decode_ms: one snapshot file's text to validated float32 weights (JSON, base64, float16, checks). */
export async function benchModel(report: Report): Promise<void> {
  const { network, timeline } = parseManifest(readFileSync(DEFAULT_MANIFEST, 'utf8'), 'manifest');
  const texts = timeline.map((e) => readFileSync(path.join(path.dirname(DEFAULT_MANIFEST), e.weightsPath), 'utf8'));
  const times: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const text of texts) {
      const start = performance.now();
      parseSnapshot(text, 'snapshot', network);
      times.push(performance.now() - start);
    }
  }
  report('model.snapshot_decode_ms', median(times), 'ms', { snapshots: texts.length, rounds: 3, bytes: texts[0]!.length, architecture: network.architecture.join('-') });
}
