import { describe, expect, it } from 'vitest';
import { parseHubMessage } from '../../../../app/contract/parse-hub-message.js';

const message = { type: 'exhibit-settings', language: 'de', idleTimeoutS: 45, attractScenes: ['digit', 'cta'], open: false, nextChangeAt: 1_800_000_000_000 };

describe('exhibit-settings (hub -> display)', () => {
  it('is part of the display contract', () => {
    const parsed = parseHubMessage(JSON.stringify(message));
    expect(parsed.ok && parsed.message).toEqual(message);
    expect(parseHubMessage(JSON.stringify({ ...message, nextChangeAt: null })).ok).toBe(true);
  });

  it.each([
    ['an unknown scene', { ...message, attractScenes: ['fireworks'] }],
    ['no scenes', { ...message, attractScenes: [] }],
    ['an unknown language', { ...message, language: 'fr' }],
    ['a fractional idle timeout', { ...message, idleTimeoutS: 4.5 }],
    ['an unknown key', { ...message, dim: 0.5 }],
    ['open missing', { ...message, open: undefined }],
  ])('refuses %s', (_name, bad) => {
    expect(parseHubMessage(JSON.stringify(bad)).ok).toBe(false);
  });
});
