import type { z } from 'zod';
import { fieldPath } from '../../model/zod-issue.js';
import { GradientFileError } from './gradient-error.js';
import { GRADIENT_FILE_LIMITS } from './gradient-file-limits.js';

/** Parses a gradient file's JSON part against `schema`; errors name the file and the field. */
export function parseGradientJson<T extends z.ZodType>(text: string, file: string, schema: T): z.infer<T> {
  if (text.length > GRADIENT_FILE_LIMITS.maxJsonBytes) throw new GradientFileError(file, '', `is ${text.length} bytes; the JSON part holds metadata only and must be under ${GRADIENT_FILE_LIMITS.maxJsonBytes}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new GradientFileError(file, '', `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more)` : '';
    throw new GradientFileError(file, issue ? fieldPath(issue.path) || '(top level)' : '', (issue?.message ?? 'invalid') + more);
  }
  return result.data;
}
