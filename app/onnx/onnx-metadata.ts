import { onnxError } from './onnx-error.js';
import type { Normalization } from '../model/types.js';
import type { OnnxTypes } from './onnx-proto.js';

/**
 * What an ONNX file cannot say in its graph: the input normalization. Our
 * graphs take the already normalized input (as a torch.onnx.export of the
 * model does), so the pixel scaling travels in `metadata_props` instead.
 */
export const NORMALIZATION_METADATA_KEY = 'mlp_kiosk.normalization';
export const ONNX_PRODUCER_NAME = 'mlp-kiosk';

/** torchvision's MNIST statistics: what a file without our metadata most likely expects. */
export const MNIST_NORMALIZATION: Normalization = { mean: 0.1307, std: 0.3081 };

export function normalizationMetadata({ mean, std }: Normalization): OnnxTypes.IStringStringEntryProto {
  return { key: NORMALIZATION_METADATA_KEY, value: JSON.stringify({ mean, std }) };
}

/** Our key if the file has it (validated), else undefined. */
export function readNormalizationMetadata(
  props: readonly OnnxTypes.IStringStringEntryProto[] | null | undefined,
  file: string,
): Normalization | undefined {
  const entry = props?.find((p) => p.key === NORMALIZATION_METADATA_KEY);
  if (!entry) return undefined;
  const field = `metadata_props["${NORMALIZATION_METADATA_KEY}"]`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(entry.value ?? '');
  } catch {
    throw onnxError(file, field, 'is not JSON; expected {"mean": number, "std": number}');
  }
  const { mean, std } = (parsed ?? {}) as { mean?: unknown; std?: unknown };
  if (typeof mean !== 'number' || !Number.isFinite(mean)) {
    throw onnxError(file, `${field}.mean`, 'must be a finite number');
  }
  if (typeof std !== 'number' || !Number.isFinite(std) || std <= 0) {
    throw onnxError(file, `${field}.std`, 'must be a finite number above 0');
  }
  return { mean, std };
}
