import * as tf from '@tensorflow/tfjs-core';

export interface AdamState {
  /** Steps taken so far (PyTorch's `step`). */
  readonly step: number;
  readonly m: readonly Float32Array[];
  readonly v: readonly Float32Array[];
}

/**
 * Adam as PyTorch's torch.optim.Adam computes it (eps 1e-8 inside the square
 * root's denominator, bias corrections from the step count). Our own rather
 * than tf.train.adam because tfjs's setWeights() recomputes its running
 * beta powers with pow() instead of restoring them, so a resumed run would
 * drift from an uninterrupted one in the last bits; here the whole state is
 * the step count and the two moments, and resume is exact.
 */
export class Adam {
  private step = 0;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];

  constructor(
    params: readonly tf.Variable[],
    /** Step size for the 1-based step about to be taken (a schedule, see app/train/lr-schedule.ts). */
    private readonly lrAt: (step: number) => number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly eps = 1e-8,
  ) {
    this.m = tf.tidy(() => params.map((p) => tf.variable(tf.zerosLike(p), false)));
    this.v = tf.tidy(() => params.map((p) => tf.variable(tf.zerosLike(p), false)));
  }

  /** One update of every parameter with its gradient (same order as the constructor's). */
  apply(params: readonly tf.Variable[], grads: readonly tf.Tensor[]): void {
    this.step++;
    // Bias corrections in double precision from the step count: identical after a resume.
    const stepSize = this.lrAt(this.step) / (1 - this.beta1 ** this.step);
    const correction2 = Math.sqrt(1 - this.beta2 ** this.step);
    tf.tidy(() => {
      params.forEach((p, i) => {
        const g = grads[i]!;
        const m = tf.add(tf.mul(this.m[i]!, this.beta1), tf.mul(g, 1 - this.beta1));
        const v = tf.add(tf.mul(this.v[i]!, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
        this.m[i]!.assign(m);
        this.v[i]!.assign(v);
        const denom = tf.add(tf.div(tf.sqrt(v), correction2), this.eps);
        p.assign(tf.sub(p, tf.mul(tf.div(m, denom), stepSize)));
      });
    });
  }

  getState(): AdamState {
    return { step: this.step, m: this.m.map((t) => Float32Array.from(t.dataSync() as Float32Array)), v: this.v.map((t) => Float32Array.from(t.dataSync() as Float32Array)) };
  }

  setState(state: AdamState): void {
    this.step = state.step;
    tf.tidy(() => {
      state.m.forEach((values, i) => this.m[i]!.assign(tf.tensor(values, this.m[i]!.shape)));
      state.v.forEach((values, i) => this.v[i]!.assign(tf.tensor(values, this.v[i]!.shape)));
    });
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}
