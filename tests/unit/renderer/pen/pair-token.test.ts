import { describe, expect, it } from 'vitest';
import { pairTokenOf } from '../../../../renderer/pen/pair-token.js';
import { parsePenMessage } from '../../../../renderer/pen/parse-pen-message.js';

describe('pairTokenOf', () => {
  it('reads the one-time token from the QR code\'s fragment', () => {
    expect(pairTokenOf('#pair=AbC_d-0123456789xyzQ')).toBe('AbC_d-0123456789xyzQ');
    expect(pairTokenOf('pair=AbC_d-0123456789xyzQ&x=1')).toBe('AbC_d-0123456789xyzQ');
  });
  it('ignores anything that is not a base64url token', () => {
    expect(pairTokenOf('')).toBeUndefined();
    expect(pairTokenOf('#pair=')).toBeUndefined();
    expect(pairTokenOf('#pair=short')).toBeUndefined();
    expect(pairTokenOf('#pair=<script>alert(1)</script>')).toBeUndefined();
    expect(pairTokenOf('#k=AbC_d-0123456789xyzQ')).toBeUndefined();
  });
});

describe('parsePenMessage', () => {
  it('passes the hub\'s pen messages and drops anything else', () => {
    expect(parsePenMessage('{"type":"guess","digit":7,"confidence":0.9,"empty":false,"stroke":1,"points":20}')).toMatchObject({ type: 'guess', digit: 7 });
    expect(parsePenMessage('{"type":"frame"}')).toBeUndefined();
    expect(parsePenMessage('{"type":"guess","digit":12,"confidence":0.9,"empty":false,"stroke":1,"points":20}')).toBeUndefined();
    expect(parsePenMessage('[1]')).toBeUndefined();
    expect(parsePenMessage('null')).toBeUndefined();
    expect(parsePenMessage('not json')).toBeUndefined();
  });
});
