import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFloat16, encodeFloat16, halfBitsToNumber, numberToHalfBits } from '../../../../app/model/float16.js';
import { FIXTURES } from '../../../helpers/fixtures.js';

describe('float16', () => {
  it('matches numpy astype("<f2") on random, subnormal, overflowing and tie values', () => {
    const cases = JSON.parse(readFileSync(path.join(FIXTURES, 'float16/float16-cases.json'), 'utf8')) as {
      float32_bits: number[];
      float16_bits: number[];
    };
    const f32 = new Float32Array(new Uint32Array(cases.float32_bits).buffer);
    const mismatches = [...f32].map((v, i) => [v, numberToHalfBits(v), cases.float16_bits[i]]).filter(([, ours, numpy]) => ours !== numpy);
    expect(cases.float16_bits.length).toBeGreaterThan(6000);
    expect(mismatches).toEqual([]);
  });

  it('decodes every non-NaN half value and encodes it back to the same bits', () => {
    for (let h = 0; h < 65536; h++) {
      const v = halfBitsToNumber(h);
      if (Number.isNaN(v)) continue;
      expect(numberToHalfBits(v)).toBe(h);
    }
  });

  it('knows landmark values', () => {
    expect(halfBitsToNumber(0x3c00)).toBe(1);
    expect(halfBitsToNumber(0xc000)).toBe(-2);
    expect(halfBitsToNumber(0x7bff)).toBe(65504);
    expect(halfBitsToNumber(0x0001)).toBe(2 ** -24);
    expect(halfBitsToNumber(0x7c00)).toBe(Infinity);
    expect(halfBitsToNumber(0x7e00)).toBeNaN();
    expect(Object.is(halfBitsToNumber(0x8000), -0)).toBe(true);
  });

  it('round-trips byte arrays little-endian', () => {
    const bytes = encodeFloat16([1, -2, 0.5]);
    expect([...bytes]).toEqual([0x00, 0x3c, 0x00, 0xc0, 0x00, 0x38]);
    expect([...decodeFloat16(bytes)]).toEqual([1, -2, 0.5]);
  });
});
