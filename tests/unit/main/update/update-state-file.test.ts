import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readUpdateState, writeUpdateState } from '../../../../main/update/update-state-file.js';

// The last good version file on a real disk: round trip, missing, and
// hand-edited or damaged files (moved aside, reported, nothing thrown).
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kiosk-update-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('update-state.json', () => {
  it('round trips what was written, and a missing file is an empty state without a problem', async () => {
    expect(await readUpdateState(dir, 1)).toEqual({ state: { version: 1, lastGoodVersion: null, lastGoodAt: null }, problem: undefined });
    await writeUpdateState(dir, { version: 1, lastGoodVersion: '0.3.1', lastGoodAt: 1_700_000_000_000 });
    expect((await readUpdateState(dir, 2)).state).toEqual({ version: 1, lastGoodVersion: '0.3.1', lastGoodAt: 1_700_000_000_000 });
    // Written whole (no temporary file left beside it).
    expect(await readdir(dir)).toEqual(['update-state.json']);
  });

  it.each([
    ['a field of the wrong type', '{"version":1,"lastGoodVersion":3,"lastGoodAt":null}', /lastGoodVersion: .*expected string/i],
    ['an unknown field', '{"version":1,"lastGoodVersion":null,"lastGoodAt":null,"extra":true}', /unrecognized key/i],
    ['a future format', '{"version":2,"lastGoodVersion":null,"lastGoodAt":null}', /version:/],
    ['not JSON', 'lastGood = 0.3.1', /not JSON/],
    ['an empty file (power cut)', '', /not JSON/],
  ])('%s is moved aside and reported', async (_name, text, why) => {
    await writeFile(path.join(dir, 'update-state.json'), text);
    const read = await readUpdateState(dir, 42);
    expect(read.state.lastGoodVersion).toBeNull();
    expect(read.problem).toMatch(why);
    expect(read.problem).toContain('moved to');
    expect(await readdir(dir)).toEqual(['update-state.json.bad-42']);
    expect(await readFile(path.join(dir, 'update-state.json.bad-42'), 'utf8')).toBe(text);
  });
});
