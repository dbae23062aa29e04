import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * Which onnxruntime execution providers to try, best first, and whether one
 * can work at all on this machine. Asking onnxruntime for a provider whose
 * library is absent makes it print a red error to stderr before throwing, so
 * a provider that cannot load is skipped with a reason instead of tried.
 */

export type ProviderName = 'cuda' | 'dml' | 'coreml' | 'cpu';

/** GPU first where the platform has one onnxruntime-node can use, CPU always last. */
export function preferredProviders(platform: NodeJS.Platform): ProviderName[] {
  switch (platform) {
    case 'linux':
      return ['cuda', 'cpu'];
    case 'win32':
      return ['dml', 'cpu'];
    case 'darwin':
      return ['coreml', 'cpu'];
    default:
      return ['cpu'];
  }
}

export interface SupportedBackend {
  readonly name: string;
  /** false: built to be loaded from a separate library (CUDA, TensorRT) that may not be installed. */
  readonly bundled: boolean;
}

/** Why `name` cannot be used here, or undefined when it is worth trying. */
export function providerUnavailableReason(
  name: ProviderName,
  supported: readonly SupportedBackend[],
  hasProviderLibrary: (name: ProviderName) => boolean = providerLibraryInstalled,
): string | undefined {
  if (name === 'cpu') return undefined;
  const entry = supported.find((b) => b.name === name);
  if (!entry) return `${name}: not part of this onnxruntime-node build`;
  if (!entry.bundled && !hasProviderLibrary(name)) {
    // onnxruntime-node's install script downloads these; our install skips it
    // unless enabled (see README: enabling CUDA on an NVIDIA exhibit PC).
    return `${name}: provider library not installed (onnxruntime-node's install step was skipped)`;
  }
  return undefined;
}

/** Looks for libonnxruntime_providers_<name>.so|.dll next to onnxruntime-node's native binding. */
export function providerLibraryInstalled(name: ProviderName): boolean {
  let root: string;
  try {
    root = path.dirname(path.dirname(createRequire(import.meta.url).resolve('onnxruntime-node')));
  } catch {
    return false;
  }
  const bin = path.join(root, 'bin');
  if (!existsSync(bin)) return false;
  const files = [`libonnxruntime_providers_${name}.so`, `onnxruntime_providers_${name}.dll`];
  return readdirSync(bin).some((napi) =>
    files.some((f) => existsSync(path.join(bin, napi, process.platform, process.arch, f))),
  );
}
