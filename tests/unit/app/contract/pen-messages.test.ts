import { describe, expect, it } from 'vitest';
import { hubMessageSchema } from '../../../../app/contract/hub-messages.js';
import { PEN_LIMITS } from '../../../../app/contract/pen-limits.js';
import { penHubMessageSchema } from '../../../../app/contract/pen-hub-messages.js';
import { parsePenMessage } from '../../../../app/contract/parse-pen-message.js';

const text = (value: unknown) => {
  const t = typeof value === 'string' ? value : JSON.stringify(value);
  return { kind: 'text' as const, text: t, bytes: Buffer.byteLength(t) };
};
const codeOf = (value: unknown) => {
  const r = parsePenMessage(text(value));
  return r.ok ? 'ok' : r.error.code;
};
const hello = { type: 'hello', role: 'pen', protocol: 1, clientId: 'abcdefgh', auth: { kind: 'pin', pin: '123456' } };

describe('pen messages', () => {
  it('accepts every message of the protocol', () => {
    for (const m of [
      hello,
      { ...hello, name: 'iPad 3', auth: { kind: 'device', token: 'A'.repeat(43) } },
      { ...hello, auth: { kind: 'pair', token: 'x_-Y'.repeat(6) } },
      { type: 'stroke-begin', stroke: 0, points: [[1, 2], [3, 4, 0.5]] },
      { type: 'stroke-points', stroke: 0, points: [[1.5, -2]] },
      { type: 'stroke-end', stroke: 0 },
      { type: 'undo' },
      { type: 'clear' },
      { type: 'drawing', strokes: [[[0, 0]], [[1, 1, 1]]] },
      { type: 'ping', t: 123 },
      { type: 'ping' },
    ]) {
      expect(codeOf(m), JSON.stringify(m)).toBe('ok');
    }
  });

  it('refuses hostile and broken frames with typed errors', () => {
    expect(codeOf('not json')).toBe('bad-json');
    expect(parsePenMessage({ kind: 'binary', bytes: 3 })).toMatchObject({ ok: false, error: { code: 'bad-frame' } });
    expect(codeOf({ type: 'display-me' })).toBe('invalid-message');
    expect(codeOf([1, 2])).toBe('invalid-message');
    expect(codeOf({ ...hello, extra: 1 })).toBe('invalid-message');
    expect(codeOf({ ...hello, role: 'display' })).toBe('invalid-message');
    expect(codeOf({ ...hello, auth: { kind: 'pin', pin: '12345' } })).toBe('invalid-message');
    expect(codeOf({ ...hello, clientId: 'short' })).toBe('invalid-message');
    expect(codeOf({ ...hello, name: 'x'.repeat(41) })).toBe('invalid-message');
    expect(codeOf({ ...hello, auth: { kind: 'device', token: '../../etc/passwd-----' } })).toBe('invalid-message');
    expect(codeOf({ type: 'stroke-begin', stroke: -1, points: [] })).toBe('invalid-message');
    expect(codeOf({ type: 'stroke-begin', stroke: 1.5, points: [] })).toBe('invalid-message');
    expect(codeOf({ type: 'stroke-points', stroke: 0, points: [[1e7, 0]] })).toBe('invalid-message');
    expect(codeOf('{"type":"stroke-points","stroke":0,"points":[[1e999,0]]}')).toBe('invalid-message');
    expect(codeOf({ type: 'stroke-points', stroke: 0, points: [[null, 0]] })).toBe('invalid-message');
    expect(codeOf({ type: 'stroke-points', stroke: 0, points: [['1', 0]] })).toBe('invalid-message');
    expect(codeOf({ type: 'stroke-points', stroke: 0, points: [[1, 0, 2]] })).toBe('invalid-message');
    expect(codeOf({ type: 'stroke-points', stroke: 0, points: [[1, 0, 0.5, 1]] })).toBe('invalid-message');
    expect(codeOf({ type: 'stroke-points', stroke: 0, points: Array.from({ length: 257 }, () => [0, 0]) })).toBe('invalid-message');
    expect(codeOf({ type: 'drawing', strokes: Array.from({ length: 65 }, () => [[0, 0]]) })).toBe('invalid-message');
  });

  it('holds frames to 64 KiB, except the whole drawing (512 KiB), before parsing them', () => {
    const big = JSON.stringify({ type: 'stroke-points', stroke: 0, points: [[0, 0]], pad: 'x'.repeat(PEN_LIMITS.maxFrameBytes) });
    expect(codeOf(big)).toBe('too-large');
    const sneaky = `{"type":"drawing","strokes":[]}${' '.repeat(PEN_LIMITS.maxFrameBytes)}`;
    expect(codeOf(sneaky)).toBe('ok');
    const stroke = Array.from({ length: 4096 }, (_, i) => [i + 0.5, i + 0.5]);
    expect(codeOf({ type: 'drawing', strokes: [stroke, stroke, stroke, stroke] })).toBe('ok');
    expect(parsePenMessage({ kind: 'text', text: '', bytes: PEN_LIMITS.maxDrawingFrameBytes + 1 })).toMatchObject({ ok: false, error: { code: 'too-large' } });
  });

  it('hub -> pen and hub -> display messages follow their schemas', () => {
    expect(penHubMessageSchema.safeParse({ type: 'guess', digit: 7, confidence: 0.9, empty: false, stroke: 1, points: 40 }).success).toBe(true);
    expect(penHubMessageSchema.safeParse({ type: 'error', code: 'locked-out', message: 'x', retryAfterMs: 60_000 }).success).toBe(true);
    expect(penHubMessageSchema.safeParse({ type: 'drawer', active: false, holder: 'iPad', free: false, idleTakeoverMs: 4000 }).success).toBe(true);
    expect(hubMessageSchema.safeParse({ type: 'pairing', penUrl: 'http://192.0.2.2:8421/pen/#pair=abc', pin: '012345', expiresAt: 1, lan: true }).success).toBe(true);
    expect(hubMessageSchema.safeParse({ type: 'pairing', penUrl: 'x', pin: '12345', expiresAt: 1, lan: true }).success).toBe(false);
  });
});
