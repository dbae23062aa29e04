import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
// tfjs-core alone registers no gradient functions; autograd needs them all.
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import type { Activation, Normalization, SnapshotWeights } from '../../../app/model/types.js';

/** A layer's gradient as tfjs autograd computes it. */
export interface TfjsLayerGradient {
  readonly weights: Float32Array;
  readonly biases: Float32Array;
}

/**
 * The oracle for app/train/gradients: the same network and loss built from
 * tfjs ops, differentiated by tfjs's autograd (tf.valueAndGrads). Float32 on
 * the cpu backend unless another one is named, so results are reproducible.
 * Logits are the last layer's output before its activation, as in the
 * kiosk's forward pass; loss = -log softmax(logits)[label].
 * It selects tfjs's global backend: a check for tests and tools, not for a
 * process that is training with another backend at the same time.
 */
export async function tfjsSampleGradient(
  weights: SnapshotWeights,
  normalization: Normalization,
  pixels: Float32Array,
  label: number,
  backend = 'cpu',
): Promise<{ loss: number; layers: TfjsLayerGradient[] }> {
  if (tf.getBackend() !== backend) {
    if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend "${backend}" could not be started`);
  }
  await tf.ready();
  const { layers } = weights;
  const results = tf.tidy(() => {
    const params = layers.flatMap((l) => [tf.tensor2d(l.weights, [l.outDim, l.inDim]), tf.tensor1d(l.biases)]);
    const x = tf.div(tf.sub(tf.tensor2d(pixels, [1, pixels.length]), normalization.mean), normalization.std);
    const loss = (...p: tf.Tensor[]): tf.Scalar => {
      let h: tf.Tensor = x;
      layers.forEach((layer, l) => {
        const z = tf.add(tf.matMul(h, p[2 * l] as tf.Tensor2D, false, true), p[2 * l + 1] as tf.Tensor1D);
        h = l === layers.length - 1 ? z : activate(z, layer.activation);
      });
      return tf.neg(tf.sum(tf.slice(tf.logSoftmax(h), [0, label], [1, 1])));
    };
    const { value, grads } = tf.valueAndGrads(loss)(params);
    return [value, ...grads];
  });
  try {
    const data = await Promise.all(results.map((t) => t.data() as Promise<Float32Array>));
    return {
      loss: (data[0] as Float32Array)[0] as number,
      layers: layers.map((_, l) => ({ weights: data[1 + 2 * l] as Float32Array, biases: data[2 + 2 * l] as Float32Array })),
    };
  } finally {
    tf.dispose(results);
  }
}

function activate(z: tf.Tensor, activation: Activation): tf.Tensor {
  switch (activation) {
    case 'relu':
      return tf.relu(z);
    case 'tanh':
      return tf.tanh(z);
    case 'sigmoid':
      return tf.sigmoid(z);
    case 'linear':
      return z;
  }
}

/** Tensors alive in tfjs right now: the tests check this does not grow. */
export function tfjsTensorCount(): number {
  return tf.memory().numTensors;
}
