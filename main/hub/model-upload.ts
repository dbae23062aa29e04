import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OPERATOR_LIMITS } from '../../app/contract/operator-request.js';
import { modelFolderName, uploadNameProblem } from '../../app/kiosk/upload-name.js';
import { checkExhibitFit } from '../../app/model/exhibit-fit.js';
import type { LoadModel } from './model-slot.js';

/** One file of an upload: its relative name as the browser sent it, and its bytes. */
export interface UploadedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** An upload that was refused: the message says what was wrong (for the operator, as is). */
export class ModelUploadError extends Error {
  override readonly name = 'ModelUploadError';
}

/** Where uploaded models live: <stateDir>/models/<name>/. */
export const MODELS_FOLDER = 'models';

/**
 * Parses a multipart/form-data body (the operator page's file input, one
 * part per file) with the runtime's own parser (undici's Request.formData),
 * then checks count and names.
 */
export async function parseUpload(body: Buffer, contentType: string): Promise<UploadedFile[]> {
  if (!/^multipart\/form-data;\s*boundary=/i.test(contentType)) throw new ModelUploadError('send the files as multipart/form-data');
  let form: FormData;
  try {
    form = await new Request('http://upload.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body }).formData();
  } catch {
    throw new ModelUploadError('the upload is not valid multipart/form-data');
  }
  const files: UploadedFile[] = [];
  for (const [, value] of form.entries()) {
    if (typeof value === 'string') continue;
    if (files.length >= OPERATOR_LIMITS.maxUploadFiles) throw new ModelUploadError(`at most ${OPERATOR_LIMITS.maxUploadFiles} files per upload`);
    files.push({ name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) });
  }
  return files;
}

/**
 * Finds the model in an upload: one .onnx file, or an export (one manifest
 * .json at the top and its snapshot files below). A folder picked whole
 * arrives as "<folder>/..." for every file: that common folder is dropped.
 */
export function planUpload(files: readonly UploadedFile[]): { files: UploadedFile[]; modelFile: string; folderName: string } {
  if (files.length === 0) throw new ModelUploadError('no files in the upload: choose an .onnx file or an export folder');
  for (const f of files) {
    const problem = uploadNameProblem(f.name);
    if (problem) throw new ModelUploadError(`file name "${f.name.slice(0, 100)}" ${problem}`);
  }
  const firsts = new Set(files.map((f) => (f.name.includes('/') ? f.name.split('/', 1)[0] : '')));
  const [common] = firsts;
  const strip = firsts.size === 1 && common ? `${common}/` : '';
  const named = files.map((f) => ({ name: f.name.slice(strip.length), bytes: f.bytes }));
  const seen = new Set<string>();
  for (const f of named) {
    if (seen.has(f.name.toLowerCase())) throw new ModelUploadError(`"${f.name}" is in the upload twice`);
    seen.add(f.name.toLowerCase());
  }
  const top = named.filter((f) => !f.name.includes('/'));
  const onnx = top.filter((f) => f.name.toLowerCase().endsWith('.onnx'));
  const manifests = top.filter((f) => f.name.toLowerCase().endsWith('.json'));
  let modelFile: string;
  if (onnx.length === 1 && manifests.length === 0) modelFile = (onnx[0] as UploadedFile).name;
  else if (onnx.length === 0 && manifests.length === 1) modelFile = (manifests[0] as UploadedFile).name;
  else throw new ModelUploadError(`the upload must hold one .onnx file or one export manifest (.json) at its top; it has ${onnx.length} .onnx and ${manifests.length} .json there`);
  return { files: named, modelFile, folderName: modelFolderName(strip ? strip.slice(0, -1) : modelFile) };
}

/**
 * Writes an upload to a temporary folder in <stateDir>/models/, proves it
 * by loading it (the same loader and exhibit checks the hub uses), and only
 * then moves it to <stateDir>/models/<name>/. A file that does not load is
 * deleted and its loader error is thrown: nothing else changes. Returns the
 * model file's path in its new home.
 */
export async function installUpload(stateDir: string, files: readonly UploadedFile[], loadModel: LoadModel): Promise<string> {
  const plan = planUpload(files);
  const modelsDir = path.join(stateDir, MODELS_FOLDER);
  await mkdir(modelsDir, { recursive: true });
  // A hidden folder beside the final one: the move is a rename on one file system, and a crash leaves no model-looking folder.
  const temp = await mkdtemp(path.join(modelsDir, '.upload-'));
  try {
    for (const f of plan.files) {
      const target = path.join(temp, ...f.name.split('/'));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, f.bytes, { flag: 'wx' });
    }
    try {
      checkExhibitFit(await loadModel(path.join(temp, plan.modelFile)));
    } catch (error) {
      // The loader names the file by its temporary path: the operator knows it by the name they uploaded.
      const message = (error instanceof Error ? error.message : String(error)).split(temp + path.sep).join('').split(temp).join('upload');
      throw new ModelUploadError(message);
    }
    let name = plan.folderName;
    for (let n = 2; existsSync(path.join(modelsDir, name)); n++) name = `${plan.folderName}-${n}`;
    await rename(temp, path.join(modelsDir, name));
    return path.join(modelsDir, name, plan.modelFile);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/** Removes temporary upload folders a crash or power cut left behind (called once at start). */
export async function removeStaleUploads(stateDir: string): Promise<void> {
  const modelsDir = path.join(stateDir, MODELS_FOLDER);
  let names: string[];
  try {
    names = await readdir(modelsDir);
  } catch {
    return;
  }
  await Promise.all(names.filter((n) => n.startsWith('.upload-')).map((n) => rm(path.join(modelsDir, n), { recursive: true, force: true })));
}
