/**
 * Weights, inputs or labels that per-sample gradients cannot be computed for.
 * Thrown before any arithmetic so that a NaN weight or a wrong-sized image
 * never turns into a file full of NaN gradients. The message names the part
 * that is wrong: "<what>: <problem>".
 */
export class GradientInputError extends Error {
  override readonly name = 'GradientInputError';
  constructor(
    readonly what: string,
    readonly problem: string,
  ) {
    super(`${what}: ${problem}`);
  }
}

/**
 * A gradient file (sample gradients or gradient norms) that cannot be read:
 * "<file>: <field>: <problem>", like ModelFormatError for model files.
 */
export class GradientFileError extends Error {
  override readonly name = 'GradientFileError';
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(field ? `${file}: ${field}: ${problem}` : `${file}: ${problem}`);
  }
}
