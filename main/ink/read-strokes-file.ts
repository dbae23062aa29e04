import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { InkFileError, parseLabelledStrokes, type LabelledStrokes } from '../../app/ink/labelled-strokes.js';
import { describeFsError } from '../model/read-limited.js';

/** A handwriting file is text; beyond this it is not one a curator collected by hand. */
export const MAX_STROKES_FILE_BYTES = 512 * 1024 * 1024;
/** One sample is at most 16,384 points; a longer line is not a sample. */
const MAX_LINE_CHARS = 2 * 1024 * 1024;

/** Reads a JSONL file of labelled strokes, one sample per non-empty line. */
export async function readStrokesFile(file: string): Promise<LabelledStrokes[]> {
  const info = await stat(file).catch((error: unknown) => {
    throw new InkFileError(`${file}: ${describeFsError(error)}`);
  });
  if (!info.isFile()) throw new InkFileError(`${file}: is not a regular file`);
  if (info.size > MAX_STROKES_FILE_BYTES) throw new InkFileError(`${file}: is ${info.size} bytes, more than ${MAX_STROKES_FILE_BYTES}`);
  const samples: LabelledStrokes[] = [];
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number++;
    if (!line.trim()) continue;
    if (line.length > MAX_LINE_CHARS) throw new InkFileError(`${file}:${number}: line is ${line.length} characters, too long for one drawing`);
    samples.push(parseLabelledStrokes(line, `${file}:${number}`));
  }
  if (samples.length === 0) throw new InkFileError(`${file}: holds no samples (one JSON object per line: {"label": 0-9, "strokes": [[[x, y], ...], ...]})`);
  return samples;
}
