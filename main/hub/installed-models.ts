import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { MODELS_FOLDER } from './model-upload.js';

export interface InstalledModelFile {
  /** "bundled", or the folder's name under <stateDir>/models/. */
  readonly id: string;
  readonly name: string;
  readonly kind: 'export' | 'onnx';
  readonly file: string;
}

/**
 * The models an operator may switch to: the one bundled with the kiosk and
 * every folder under <stateDir>/models/ that holds one model file at its top
 * (an upload's home, see model-upload.ts). The operator names one by id; a
 * path never comes from the request.
 */
export async function listInstalledModels(stateDir: string | undefined, bundled: string): Promise<InstalledModelFile[]> {
  const list: InstalledModelFile[] = [{ id: 'bundled', name: path.basename(bundled), kind: kindOf(bundled), file: bundled }];
  if (!stateDir) return list;
  const modelsDir = path.join(stateDir, MODELS_FOLDER);
  let folders: string[];
  try {
    folders = (await readdir(modelsDir, { withFileTypes: true })).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name);
  } catch {
    return list;
  }
  for (const folder of folders.sort()) {
    let names: string[];
    try {
      names = (await readdir(path.join(modelsDir, folder), { withFileTypes: true })).filter((d) => d.isFile() && /\.(json|onnx)$/i.test(d.name)).map((d) => d.name);
    } catch {
      continue;
    }
    if (names.length !== 1) continue;
    const file = path.join(modelsDir, folder, names[0] as string);
    list.push({ id: folder, name: `${folder}/${names[0] as string}`, kind: kindOf(file), file });
  }
  return list;
}

function kindOf(file: string): 'export' | 'onnx' {
  return file.toLowerCase().endsWith('.onnx') ? 'onnx' : 'export';
}
