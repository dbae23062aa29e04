import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HubLog } from '../../../../main/hub/hub-log.js';
import { MAX_RESTARTS, openRestartHistory, RESTARTS_FILE } from '../../../../main/shell/restart-history.js';

// The restart history on a real folder: kept across opens, capped, and a bad
// file moved aside and reported, never a crash.
let dir: string;
const errors: string[] = [];
const log: HubLog = { info: () => {}, warn: () => {}, error: (m) => void errors.push(m) };

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'restarts-'));
  errors.length = 0;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('openRestartHistory', () => {
  it('keeps records with their causes across opens', async () => {
    const first = await openRestartHistory(dir, log);
    expect(first.problem).toBeUndefined();
    first.record('crash:oom', 1000);
    first.record('nightly', 2000);
    await first.flush();
    const again = await openRestartHistory(dir, log);
    expect(again.list()).toEqual([
      { at: 1000, cause: 'crash:oom' },
      { at: 2000, cause: 'nightly' },
    ]);
    expect(again.last('nightly')).toEqual({ at: 2000, cause: 'nightly' });
    expect(again.last('watchdog')).toBeUndefined();
  });

  it('keeps the last 50', async () => {
    const history = await openRestartHistory(dir, log);
    for (let i = 0; i < 70; i++) history.record(`cause-${i}`, i);
    await history.flush();
    const saved = JSON.parse(await readFile(path.join(dir, RESTARTS_FILE), 'utf8')) as { restarts: { cause: string }[] };
    expect(saved.restarts).toHaveLength(MAX_RESTARTS);
    expect(saved.restarts[0]?.cause).toBe('cause-20');
    expect((await openRestartHistory(dir, log)).list().at(-1)?.cause).toBe('cause-69');
  });

  it.each([
    ['not JSON', '{"version":1,', /is not valid JSON/],
    ['the wrong shape', '{"version":1,"restarts":[{"at":"yesterday","cause":"x"}]}', /is not a restart history \(restarts\.0\.at: /],
    ['a hostile cause', JSON.stringify({ version: 1, restarts: [{ at: 1, cause: 'x'.repeat(5000) }] }), /restarts\.0\.cause/],
    ['another file', '[1,2,3]', /is not a restart history/],
  ])('a file that is %s is moved aside and reported; the history starts afresh', async (_what, text, reason) => {
    await writeFile(path.join(dir, RESTARTS_FILE), text);
    const history = await openRestartHistory(dir, log, () => 42);
    expect(history.problem).toMatch(reason);
    expect(history.problem).toContain(`moved to ${path.join(dir, `${RESTARTS_FILE}.corrupt-42`)}`);
    expect(history.list()).toEqual([]);
    expect(errors).toEqual(['restart history unreadable']);
    expect((await readdir(dir)).sort()).toEqual([`${RESTARTS_FILE}.corrupt-42`]);
    expect(await readFile(path.join(dir, `${RESTARTS_FILE}.corrupt-42`), 'utf8')).toBe(text);
    history.record('operator', 7);
    await history.flush();
    expect((await openRestartHistory(dir, log)).list()).toEqual([{ at: 7, cause: 'operator' }]);
  });

  it('a save that fails is logged, and the history in memory goes on', async () => {
    const history = await openRestartHistory(path.join(dir, 'missing-folder'), log);
    history.record('watchdog', 5);
    await history.flush();
    expect(errors).toEqual(['could not save the restart history']);
    expect(history.list()).toEqual([{ at: 5, cause: 'watchdog' }]);
  });

  it('without a state folder it keeps the history in memory', async () => {
    const history = await openRestartHistory(undefined, log);
    history.record('operator', 1);
    expect(history.list()).toEqual([{ at: 1, cause: 'operator' }]);
  });
});
