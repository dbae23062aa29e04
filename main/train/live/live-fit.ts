import type { NetworkSpec } from '../../../app/model/types.js';

/**
 * Why a fresh network shaped like `network` cannot be trained live, or
 * undefined. The live network copies the architecture of the model in use,
 * so the display's view (built for that model) shows it as it is; the trainer
 * makes dense MNIST classifiers only: 784 pixels in, 10 digits out.
 */
export function liveTrainingProblem(network: Pick<NetworkSpec, 'architecture'>): string | undefined {
  const { architecture } = network;
  const shape = architecture.join('-');
  if (architecture[0] !== 784 || architecture.at(-1) !== 10) return `live training makes 784-...-10 networks for MNIST; the model in use is ${shape}`;
  if (architecture.length < 2 || architecture.some((n) => !Number.isInteger(n) || n < 1)) return `the model in use has an invalid architecture ${shape}`;
  return undefined;
}
