/**
 * JSON text exactly as Python's `json.dumps` writes it (the anchor's PyTorch
 * trainer uses `indent=2` for the manifest and `separators=(",", ":")` for
 * snapshot files, both with the default `ensure_ascii=True`). Writing the same
 * bytes lets a curator diff our exports against the trainer's.
 *
 * Python keeps ints and floats apart (`0` vs `0.0`); JavaScript does not, so
 * values that Python holds as floats are wrapped in `PyFloat`.
 */

export class PyFloat {
  constructor(readonly value: number) {}
}

export const pyFloat = (value: number): PyFloat => new PyFloat(value);

export interface PythonJsonOptions {
  /** Spaces per level, like `indent=`; omit for the compact `separators=(",", ":")` form. */
  readonly indent?: number;
}

export function pythonJson(value: unknown, options: PythonJsonOptions = {}): string {
  const parts: string[] = [];
  write(value, options.indent, '', parts);
  return parts.join('');
}

function write(value: unknown, indent: number | undefined, pad: string, out: string[]): void {
  if (value === null || value === undefined) out.push('null');
  else if (value instanceof PyFloat) out.push(pyFloatRepr(value.value));
  else if (typeof value === 'number') out.push(Number.isInteger(value) ? pyIntRepr(value) : pyFloatRepr(value));
  else if (typeof value === 'boolean') out.push(value ? 'true' : 'false');
  else if (typeof value === 'string') out.push(pyString(value));
  else if (Array.isArray(value)) writeContainer(value.map((v) => [undefined, v] as const), '[', ']', indent, pad, out);
  else if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    writeContainer(entries, '{', '}', indent, pad, out);
  } else throw new TypeError(`cannot write a ${typeof value} as JSON`);
}

function writeContainer(
  items: ReadonlyArray<readonly [string | undefined, unknown]>,
  open: string,
  close: string,
  indent: number | undefined,
  pad: string,
  out: string[],
): void {
  if (items.length === 0) {
    out.push(open + close);
    return;
  }
  const inner = indent === undefined ? '' : pad + ' '.repeat(indent);
  const itemSep = indent === undefined ? ',' : ',\n' + inner;
  const keySep = indent === undefined ? ':' : ': ';
  out.push(indent === undefined ? open : open + '\n' + inner);
  items.forEach(([key, v], i) => {
    if (i > 0) out.push(itemSep);
    if (key !== undefined) out.push(pyString(key) + keySep);
    write(v, indent, inner, out);
  });
  out.push(indent === undefined ? close : '\n' + pad + close);
}

function pyIntRepr(value: number): string {
  // Integers past 2^53 do not survive JavaScript anyway; Python would print all digits.
  return Object.is(value, -0) ? '0' : BigInt(value).toString();
}

/** Python's `repr(float)`: shortest round-trip digits, exponent below 1e-4 and from 1e16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa = '', expText = '0'] = x.toExponential().split('e');
  const exp = Number(expText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exp >= -4 && exp < 16) {
    if (exp >= 0) {
      const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
      const frac = digits.slice(exp + 1);
      return `${sign}${intPart}.${frac || '0'}`;
    }
    return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A string as `json.dumps(..., ensure_ascii=True)` writes it: everything outside space..~ escaped. */
export function pyString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const code = s.charCodeAt(i);
    const short = SHORT_ESCAPES[ch];
    if (short) out += short;
    else if (code < 0x20 || code > 0x7e) out += '\\u' + code.toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}
