import type { NeuronTerms } from './neuron-terms.js';

/**
 * A neuron's sum written out with the real numbers, for visitors:
 * "relu( 0.31×0.90 + (−0.12)×0.40 + … (+781 more) + 0.05 ) = 1.84".
 * The few biggest terms are shown, the rest are counted; the result is the
 * neuron's real value, so it matches the frame within rounding.
 */
export interface FormulaOptions {
  /** Terms written out (the largest by |weight x input|). */
  readonly shown: number;
  readonly digits: number;
  /** Decimal separator of the exhibit's language ('.' or ','). */
  readonly decimal: string;
  /** How the hidden rest is said, e.g. n => `+${n} more`. */
  readonly more: (count: number) => string;
}

const MINUS = '\u2212';

/** A number with a real minus sign and the language's decimal separator; negatives in brackets inside a product. */
export function formatNumber(x: number, digits: number, decimal = '.'): string {
  const rounded = Number(x.toFixed(digits));
  // -0.00 reads as a sign error to a visitor.
  const text = Math.abs(rounded).toFixed(digits).replace('.', decimal);
  return rounded < 0 ? `${MINUS}${text}` : text;
}

function factor(x: number, digits: number, decimal: string): string {
  const text = formatNumber(x, digits, decimal);
  return text.startsWith(MINUS) ? `(${text})` : text;
}

export interface FormulaParts {
  /** The written-out terms, e.g. ["0.31×0.90", "(−0.12)×0.40"]. */
  readonly terms: readonly string[];
  /** Inputs not written out (0 when all are). */
  readonly hidden: number;
  readonly bias: string;
  readonly result: string;
  readonly text: string;
}

export function formulaParts(n: NeuronTerms, options: FormulaOptions): FormulaParts {
  const { shown, digits, decimal, more } = options;
  const written = n.ranked.slice(0, shown);
  const terms = written.map((t) => `${factor(t.weight, digits, decimal)}×${factor(t.input, digits, decimal)}`);
  const hidden = n.ranked.length - written.length;
  const bias = factor(n.bias, digits, decimal);
  const result = formatNumber(n.value, digits, decimal);
  const inner = [...terms, ...(hidden > 0 ? [`… (${more(hidden)})`] : []), bias].join(' + ');
  const text = n.activation === 'linear' ? `${inner} = ${result}` : `${n.activation}( ${inner} ) = ${result}`;
  return { terms, hidden, bias, result, text };
}
