import type { Activation } from '../../model/types.js';

/**
 * A dense layer whose numbers may be any array of numbers: DenseLayer's
 * Float32Array in production, Float64Array in the finite-difference tests
 * (a float32 weight cannot be nudged by 1e-6 without rounding the nudge).
 */
export interface NumericLayer {
  readonly name: string;
  readonly activation: Activation;
  readonly inDim: number;
  readonly outDim: number;
  /** outDim * inDim values, row-major [out][in] like DenseLayer. */
  readonly weights: ArrayLike<number>;
  readonly biases: ArrayLike<number>;
}
