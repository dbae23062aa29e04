import { describe, expect, it } from 'vitest';
import { pyFloat, pyFloatRepr, pyString, pythonJson } from '../../../../app/model/python-json.js';

describe('pythonJson', () => {
  it('writes floats as Python repr() does', () => {
    const cases: Array<[number, string]> = [
      [0, '0.0'],
      [50, '50.0'],
      [0.0959, '0.0959'],
      [0.0021333333333333334, '0.0021333333333333334'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [1.5e-7, '1.5e-07'],
      [1e16, '1e+16'],
      [123456789012345.6, '123456789012345.6'],
      [-2.5, '-2.5'],
      [2.304629325866699, '2.304629325866699'],
    ];
    for (const [value, python] of cases) expect(pyFloatRepr(value)).toBe(python);
  });

  it('escapes strings like ensure_ascii=True', () => {
    expect(pyString('≈50 images')).toBe('"\\u224850 images"');
    expect(pyString('1× dataset • 2')).toBe('"1\\u00d7 dataset \\u2022 2"');
    expect(pyString('quote " back \\ tab \t nl \n del \x7f')).toBe('"quote \\" back \\\\ tab \\t nl \\n del \\u007f"');
    expect(pyString('😀')).toBe('"\\ud83d\\ude00"');
  });

  it('indents like indent=2 and compacts like separators=(",", ":")', () => {
    const value = { a: [1, pyFloat(2)], b: {}, c: [], d: 'x' };
    expect(pythonJson(value, { indent: 2 })).toBe('{\n  "a": [\n    1,\n    2.0\n  ],\n  "b": {},\n  "c": [],\n  "d": "x"\n}');
    expect(pythonJson(value)).toBe('{"a":[1,2.0],"b":{},"c":[],"d":"x"}');
  });
});
