import type { LoadedModel } from './loaded-model.js';
import { ModelFormatError } from './model-error.js';

/** What the exhibit feeds a model and shows of it: a 28x28 drawing in, the digits 0-9 out. */
export const EXHIBIT_INPUT_DIM = 28 * 28;
export const EXHIBIT_CLASSES = 10;

/**
 * Any stack of dense layers is a valid model file, but the kiosk (and MNIST
 * evaluation) can only use one that reads 784 pixels and answers 10 digits.
 * Checked where a model is put to use, so `kiosk model info` still describes
 * any MLP while the hub never swaps in one it cannot run.
 */
export function checkExhibitFit(model: Pick<LoadedModel, 'network' | 'path'>, shownAs = model.path): void {
  const { architecture } = model.network;
  const input = architecture[0];
  const output = architecture[architecture.length - 1];
  if (input !== EXHIBIT_INPUT_DIM) {
    throw new ModelFormatError(shownAs, 'network.input_dim', `is ${input}; the exhibit draws 28x28 = ${EXHIBIT_INPUT_DIM} pixels`);
  }
  if (output !== EXHIBIT_CLASSES) {
    throw new ModelFormatError(shownAs, 'network.output_dim', `is ${output}; the exhibit recognises the ${EXHIBIT_CLASSES} digits 0-9`);
  }
}
