/**
 * Checks one file name of a model upload: a relative path with forward
 * slashes, at most `maxDepth` segments, each made of letters, digits, ".",
 * "-", "_" and spaces, none hidden (leading dot), none "." or "..". Returns
 * the problem, or undefined when the name is safe to write below the upload
 * folder. Nothing is rewritten: a name that needs fixing is refused, so the
 * manifest's own paths keep pointing at the files.
 */
export function uploadNameProblem(name: string, maxDepth = 3): string | undefined {
  if (name.length === 0) return 'is empty';
  if (name.length > 255) return 'is longer than 255 characters';
  if (/[\\\0]/.test(name)) return 'contains a backslash or NUL';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'is an absolute path';
  const segments = name.split('/');
  for (const s of segments) {
    if (s === '') return 'has an empty folder name';
    if (s === '.' || s === '..') return 'leaves its folder ("." or "..")';
    if (s.startsWith('.')) return 'is a hidden file or folder';
    if (!/^[A-Za-z0-9._\- ]+$/.test(s)) return 'has characters other than letters, digits, ".", "-", "_" and spaces';
  }
  if (segments.length > maxDepth) return `is nested deeper than ${maxDepth} folders`;
  return undefined;
}

/** A folder name for an uploaded model from its file name: "My model v2.onnx" -> "my-model-v2". */
export function modelFolderName(fileName: string): string {
  const base = fileName.split('/').pop() ?? '';
  const slug = base
    .replace(/\.[^.]*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return slug || 'model';
}
