import type { z } from 'zod';
import { ModelFormatError } from './model-error.js';

/** "timeline[3].weights.path" from zod's ["timeline", 3, "weights", "path"]. */
export function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** The first problem zod found, as a ModelFormatError naming file and field. */
export function toModelError(file: string, error: z.ZodError): ModelFormatError {
  const issue = error.issues[0];
  if (!issue) return new ModelFormatError(file, '', 'invalid');
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  return new ModelFormatError(file, fieldPath(issue.path) || '(top level)', issue.message + more);
}

/** JSON.parse with an error that says which file and why. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // Python's json module writes NaN and Infinity, which are not JSON.
    const hint = /\b(NaN|-?Infinity)\b/.test(text) ? ' (it contains NaN or Infinity, which JSON does not allow)' : '';
    const detail = error instanceof Error ? error.message : String(error);
    throw new ModelFormatError(file, '', `not valid JSON${hint}: ${detail}`);
  }
}
