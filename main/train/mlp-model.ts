import * as tf from '@tensorflow/tfjs-core';
import type { DenseLayer, SnapshotWeights } from '../../app/model/types.js';
import type { SeededRandom } from '../../app/random/seeded-random.js';
import { layerNames } from '../../app/train/layer-names.js';

/**
 * The MLP as tfjs variables: kernels [in][out] (tfjs's matMul order) and
 * biases, ReLU between layers, a linear output and softmax cross-entropy.
 * Gradients are written out by hand (dense layers need only matrix products),
 * because tfjs-core's Node build ships without its gradient registry, and a
 * hand-written backward pass is also what per-sample gradients build on.
 */
export class MlpModel {
  readonly kernels: tf.Variable[];
  readonly biases: tf.Variable[];

  constructor(readonly architecture: readonly number[], initial: SnapshotWeights) {
    // Inside tidy: the tensors the variables are made from are freed, the variables kept.
    this.kernels = tf.tidy(() => initial.layers.map((l) => tf.variable(tf.tensor2d(transpose(l.weights, l.outDim, l.inDim), [l.inDim, l.outDim]))));
    this.biases = tf.tidy(() => initial.layers.map((l) => tf.variable(tf.tensor1d(l.biases))));
  }

  /** Kernels then biases, layer by layer: the order of optimizer moments and checkpoints. */
  get params(): tf.Variable[] {
    return this.kernels.flatMap((k, i) => [k, this.biases[i]!]);
  }

  /** Pre-softmax outputs for a batch of normalized inputs. Call inside tf.tidy. */
  logits(x: tf.Tensor2D): tf.Tensor2D {
    let a = x;
    this.kernels.forEach((k, i) => {
      const z = tf.add(tf.matMul(a, k), this.biases[i]!) as tf.Tensor2D;
      a = i < this.kernels.length - 1 ? tf.relu(z) : z;
    });
    return a;
  }

  /**
   * Mean softmax cross-entropy of the batch and its gradient for every
   * parameter (in `params` order). Call inside tf.tidy.
   */
  lossAndGradients(x: tf.Tensor2D, oneHot: tf.Tensor2D): { loss: tf.Scalar; grads: tf.Tensor[] } {
    const inputs: tf.Tensor2D[] = [x];
    const pre: tf.Tensor2D[] = [];
    let a = x;
    this.kernels.forEach((k, i) => {
      const z = tf.add(tf.matMul(a, k), this.biases[i]!) as tf.Tensor2D;
      pre.push(z);
      a = i < this.kernels.length - 1 ? tf.relu(z) : z;
      inputs.push(a);
    });
    const logProbs = tf.logSoftmax(a);
    const loss = tf.neg(tf.mean(tf.sum(tf.mul(oneHot, logProbs), 1))) as tf.Scalar;
    // d(mean loss)/d(logits) = (softmax - onehot) / batch
    let dz = tf.div(tf.sub(tf.exp(logProbs), oneHot), x.shape[0]) as tf.Tensor2D;
    const grads: tf.Tensor[] = new Array<tf.Tensor>(this.kernels.length * 2);
    for (let i = this.kernels.length - 1; i >= 0; i--) {
      // Explicit transposes, not matMul's transpose flags: the wasm backend
      // runs flagged products in a naive loop, about 7x slower here.
      grads[2 * i] = tf.matMul(tf.transpose(inputs[i]!), dz);
      grads[2 * i + 1] = tf.sum(dz, 0);
      if (i > 0) dz = tf.mul(tf.matMul(dz, tf.transpose(this.kernels[i]!)), tf.step(pre[i - 1]!)) as tf.Tensor2D;
    }
    return { loss, grads };
  }

  /** The current weights, row-major [out][in] like PyTorch and the export format. */
  weights(names: readonly { name: string; activation: DenseLayer['activation'] }[]): SnapshotWeights {
    return {
      layers: this.kernels.map((k, i) => {
        const [inDim, outDim] = k.shape as [number, number];
        return {
          ...names[i]!,
          inDim,
          outDim,
          weights: transpose(k.dataSync() as Float32Array, inDim, outDim),
          biases: Float32Array.from(this.biases[i]!.dataSync() as Float32Array),
        };
      }),
    };
  }

  /** Raw parameter values (kernels [in][out]) in `params` order, for checkpoints. */
  paramValues(): Float32Array[] {
    return this.params.map((p) => Float32Array.from(p.dataSync() as Float32Array));
  }

  setParamValues(values: readonly Float32Array[]): void {
    tf.tidy(() => this.params.forEach((p, i) => p.assign(tf.tensor(values[i]!, p.shape))));
  }

  dispose(): void {
    tf.dispose([...this.kernels, ...this.biases]);
  }
}


/**
 * Initial weights as torch.nn.Linear draws them: kaiming_uniform(a=sqrt(5))
 * for the weights, which is U(-1/sqrt(fan_in), 1/sqrt(fan_in)), and the same
 * bound for the biases; drawn from the seeded generator, row-major [out][in].
 */
export function initialWeights(architecture: readonly number[], rng: SeededRandom): SnapshotWeights {
  const names = layerNames(architecture);
  return {
    layers: names.map((n, i) => {
      const inDim = architecture[i]!;
      const outDim = architecture[i + 1]!;
      const bound = 1 / Math.sqrt(inDim);
      return { ...n, inDim, outDim, weights: rng.floats(outDim * inDim, -bound, bound), biases: rng.floats(outDim, -bound, bound) };
    }),
  };
}

/** rows x cols row-major -> cols x rows row-major. */
function transpose(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c]!;
  return out;
}
