/**
 * Snapshot paths in a manifest are relative to the manifest's folder. One that
 * could leave the export folder (absolute, drive letter, "..", backslashes)
 * is refused: a model file must never make the kiosk read elsewhere.
 * Returns the problem, or undefined when the path is safe.
 */
export function snapshotPathProblem(path: string): string | undefined {
  if (path.includes('\0')) return 'contains a NUL character';
  if (path.includes('\\')) return 'must use forward slashes';
  if (path.startsWith('/')) return 'must be relative to the manifest folder, not absolute';
  if (/^[A-Za-z]:/.test(path)) return 'must be relative to the manifest folder, not a drive path';
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return 'must be a file path, not a URL';
  const segments = path.split('/');
  if (segments.some((s) => s === '..')) return 'escapes the export folder ("..")';
  if (segments.some((s) => s === '')) return 'has an empty segment ("//" or a trailing "/")';
  return undefined;
}
