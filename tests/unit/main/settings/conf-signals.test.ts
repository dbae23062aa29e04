// Opening the settings store must not change how the process answers
// signals: conf's `atomically` -> `when-exit` hooks SIGINT, SIGTERM and more
// at import and re-raises them (main/settings/load-conf.ts). In a fresh Node
// process (this test runner may have loaded conf already), count the signal
// listeners before and after opening a store and saving a change.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../../..');
const dir = mkdtempSync(path.join(tmpdir(), 'conf-signals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the settings store and process signals', () => {
  it('leaves every signal listener as it was (no re-raised Ctrl-C or SIGTERM), and the store still saves', () => {
    const store = pathToFileURL(path.join(root, 'main/settings/open-settings-store.ts')).href;
    const script = `
      const count = () => Object.fromEntries(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGUSR2', 'SIGQUIT'].map((s) => [s, process.listenerCount(s)]));
      const before = count();
      const { openSettingsStore } = await import(${JSON.stringify(store)});
      const quiet = { info() {}, warn() {}, error() {} };
      const settings = await openSettingsStore(${JSON.stringify(dir)}, quiet);
      await settings.update((s) => ({ ...s, idleTimeoutS: 90 }));
      await settings.flush();
      console.log(JSON.stringify({ before, after: count(), idle: settings.get().idleTimeoutS }));
    `;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const { before, after, idle } = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { before: Record<string, number>; after: Record<string, number>; idle: number };
    expect(idle).toBe(90);
    expect(after).toEqual(before);
  });
});
