/**
 * A model file that cannot be used. The message always names the file and the
 * field so that an operator or curator can fix it: "<file>: <field>: <problem>".
 */
export class ModelFormatError extends Error {
  override readonly name = 'ModelFormatError';
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(field ? `${file}: ${field}: ${problem}` : `${file}: ${problem}`);
  }
}
