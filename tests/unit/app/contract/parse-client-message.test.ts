import { describe, expect, it } from 'vitest';
import { parseClientMessage, type ParseResult } from '../../../../app/contract/parse-client-message.js';
import { INK_LIMITS, MESSAGE_LIMITS } from '../../../../app/contract/limits.js';

function parseText(text: string): ParseResult {
  return parseClientMessage({ kind: 'text', text, bytes: new TextEncoder().encode(text).length });
}
const parse = (value: unknown): ParseResult => parseText(JSON.stringify(value));

function errorOf(result: ParseResult): { code: string; message: string } {
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.message)}`);
  return result.error;
}

describe('parseClientMessage: good messages', () => {
  it('accepts every message type', () => {
    const good = [
      { type: 'hello', role: 'display', protocol: 1, secret: 's3cret' },
      { type: 'ink', id: 0, strokes: [[[0, 0], [10.5, -3]], [[1, 1]]] },
      { type: 'ink', id: 7, strokes: [] },
      { type: 'clear' },
      { type: 'clear', id: 3 },
      { type: 'select-snapshot', snapshotId: 'dataset_50x' },
      { type: 'ping' },
      { type: 'ping', t: 123.5 },
    ];
    for (const message of good) {
      const result = parse(message);
      expect(result, JSON.stringify(message)).toEqual({ ok: true, message });
    }
  });

  it('accepts ink right at the limits', () => {
    const perStroke = INK_LIMITS.maxPointsTotal / 4;
    const strokes = Array.from({ length: 4 }, () => Array.from({ length: perStroke }, (_, i) => [i, -i]));
    const result = parse({ type: 'ink', id: 1, strokes });
    expect(result.ok).toBe(true);
  });
});

describe('parseClientMessage: malformed and hostile frames', () => {
  it('answers binary frames with bad-frame', () => {
    expect(errorOf(parseClientMessage({ kind: 'binary', bytes: 12 })).code).toBe('bad-frame');
  });

  it('answers oversized frames with too-large before parsing them', () => {
    const result = parseClientMessage({ kind: 'text', text: 'not even read', bytes: MESSAGE_LIMITS.maxFrameBytes + 1 });
    expect(errorOf(result).code).toBe('too-large');
  });

  it.each([
    ['empty', ''],
    ['not JSON', 'hello hub'],
    ['truncated', '{"type":"ink","id":1,"strokes":[[[0,0]'],
    ['NaN literal', '{"type":"ink","id":1,"strokes":[[[NaN,0]]]}'],
    ['single quotes', "{'type':'clear'}"],
  ])('answers %s with bad-json', (_name, text) => {
    expect(errorOf(parseText(text)).code).toBe('bad-json');
  });

  it.each([
    ['a number', 42],
    ['null', null],
    ['an array', [{ type: 'clear' }]],
    ['a string', 'clear'],
    ['no type', { id: 1 }],
    ['an unknown type', { type: 'format-disk' }],
    ['a non-string type', { type: ['ink'] }],
  ])('answers %s with invalid-message', (_name, value) => {
    const error = errorOf(parse(value));
    expect(error.code).toBe('invalid-message');
    expect(error.message).toMatch(/unknown message type/);
  });

  it.each([
    ['wrong role', { type: 'hello', role: 'operator', protocol: 1, secret: 'x' }],
    ['missing secret', { type: 'hello', role: 'display', protocol: 1 }],
    ['empty secret', { type: 'hello', role: 'display', protocol: 1, secret: '' }],
    ['huge secret', { type: 'hello', role: 'display', protocol: 1, secret: 'x'.repeat(MESSAGE_LIMITS.maxSecretLength + 1) }],
    ['other protocol', { type: 'hello', role: 'display', protocol: 2, secret: 'x' }],
    ['extra key', { type: 'clear', sudo: true }],
    ['__proto__ key', JSON.parse('{"type":"clear","__proto__":{"admin":true}}')],
    ['ink without id', { type: 'ink', strokes: [] }],
    ['negative id', { type: 'ink', id: -1, strokes: [] }],
    ['fractional id', { type: 'ink', id: 1.5, strokes: [] }],
    ['strokes not an array', { type: 'ink', id: 1, strokes: { 0: [[0, 0]] } }],
    ['empty stroke', { type: 'ink', id: 1, strokes: [[]] }],
    ['point as object', { type: 'ink', id: 1, strokes: [[{ x: 0, y: 0 }]] }],
    ['three coordinates', { type: 'ink', id: 1, strokes: [[[0, 0, 0]]] }],
    ['one coordinate', { type: 'ink', id: 1, strokes: [[[0]]] }],
    ['string coordinate', { type: 'ink', id: 1, strokes: [[['1', 0]]] }],
    ['null coordinate (JSON of NaN)', { type: 'ink', id: 1, strokes: [[[Number.NaN, 0]]] }],
    ['out-of-range coordinate', { type: 'ink', id: 1, strokes: [[[INK_LIMITS.maxAbsCoordinate * 2, 0]]] }],
    ['too many strokes', { type: 'ink', id: 1, strokes: Array.from({ length: INK_LIMITS.maxStrokes + 1 }, () => [[0, 0]]) }],
    ['too many points in a stroke', { type: 'ink', id: 1, strokes: [Array.from({ length: INK_LIMITS.maxPointsPerStroke + 1 }, () => [0, 0])] }],
    ['too many points in all', { type: 'ink', id: 1, strokes: Array.from({ length: 5 }, () => Array.from({ length: INK_LIMITS.maxPointsTotal / 4 }, () => [0, 0])) }],
    ['empty snapshot id', { type: 'select-snapshot', snapshotId: '' }],
    ['ping with string time', { type: 'ping', t: 'now' }],
  ])('answers %s with invalid-message naming the field', (_name, value) => {
    const error = errorOf(parse(value));
    expect(error.code).toBe('invalid-message');
    expect(error.message).toMatch(/^(hello|ink|clear|select-snapshot|ping): /);
  });

  it('names the exact field of a bad coordinate', () => {
    const error = errorOf(parseText('{"type":"ink","id":1,"strokes":[[[0,0],[1,1e400]]]}'));
    expect(error.message).toBe('ink: strokes[0][1][1]: Invalid input: expected number, received Infinity');
  });

  it('survives deeply nested arrays without a stack overflow', () => {
    const depth = 200_000;
    const text = `{"type":"ink","id":1,"strokes":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const result = parseClientMessage({ kind: 'text', text, bytes: text.length });
    expect(result.ok).toBe(false);
  });

  it('keeps error messages short even when they quote the client', () => {
    const error = errorOf(parse({ type: 'x'.repeat(100_000) }));
    expect(error.message.length).toBeLessThanOrEqual(500);
  });
});
