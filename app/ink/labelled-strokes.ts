import { z } from 'zod';
import { strokesSchema } from '../contract/ink-schema.js';
import { fieldPath } from '../model/zod-issue.js';

/**
 * One line of a handwriting file for `kiosk ink eval`: a digit label and the
 * strokes as the pen sent them ([x, y] points in any unit, y down). Other keys
 * (writer, device, timestamps...) are allowed and ignored. The strokes obey
 * the same limits as a pen message, since they go down the same path.
 */
const labelledStrokesSchema = z.looseObject({
  label: z.number({ error: 'must be a digit 0-9' }).int('must be a digit 0-9').min(0, 'must be a digit 0-9').max(9, 'must be a digit 0-9'),
  strokes: strokesSchema,
});

export type LabelledStrokes = z.infer<typeof labelledStrokesSchema>;

export class InkFileError extends Error {
  override readonly name = 'InkFileError';
}

/** Parses one JSONL line; `where` ("file:line 3") names it in errors. */
export function parseLabelledStrokes(line: string, where: string): LabelledStrokes {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new InkFileError(`${where}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const result = labelledStrokesSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InkFileError(`${where}: ${fieldPath(issue?.path ?? []) || '(line)'}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}
