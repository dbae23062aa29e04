import { ModelFormatError } from '../model/model-error.js';

/**
 * Names inside an ONNX file (operators, values, initializers) are arbitrary
 * strings: a hostile or corrupt file can put newlines or megabytes in them.
 * Errors must stay one readable line, so every name is shown escaped and cut.
 */
const MAX_NAME = 64;

export function shown(name: string | null | undefined): string {
  const escaped = escapeControls(name ?? '');
  return escaped.length > MAX_NAME ? `${escaped.slice(0, MAX_NAME)}...` : escaped;
}

function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A ModelFormatError whose text is guaranteed to be one line. */
export function onnxError(file: string, field: string, problem: string): ModelFormatError {
  return new ModelFormatError(file, escapeControls(field), escapeControls(problem));
}
