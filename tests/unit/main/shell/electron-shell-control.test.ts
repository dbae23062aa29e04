// The Electron ShellControl (what the operator menu calls), with the
// `electron` module replaced by the recording fake of fake-electron.ts: this
// machine cannot run Electron.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const { fake, electronModule } = await vi.hoisted(async () => {
  const m = await import('./fake-electron.js');
  return { fake: m.createFakeElectron(), electronModule: m.electronModule };
});
vi.mock('electron', () => electronModule(fake));

const { createElectronShellControl } = await import('../../../../main/shell/electron-shell-control.js');
const { openRestartHistory } = await import('../../../../main/shell/restart-history.js');

const quiet = { info: () => {}, warn: () => {}, error: () => {} };
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'shell-control-'));
  fake.app.relaunches = [];
});
// Restarts are written to the history file in the background: let them land before the folder goes.
const opened: { flush(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.flush()));
  await rm(dir, { recursive: true, force: true });
});

async function setup() {
  const history = await openRestartHistory(dir, quiet);
  opened.push(history);
  const quit = vi.fn();
  const reload = vi.fn();
  const control = createElectronShellControl({ recovery: () => ({ reload }), history, quit, argv: ['/app/main.js', '--port=8421'] });
  return { control, history, quit, reload };
}

describe('createElectronShellControl', () => {
  it('reloads the display through crash recovery', async () => {
    const { control, reload } = await setup();
    expect(control.kind).toBe('electron');
    control.reloadDisplay('operator');
    expect(reload).toHaveBeenCalledWith('operator');
  });

  it('restarts by relaunching with the same arguments and quitting through the quit policy, once', async () => {
    const { control, quit, history } = await setup();
    control.restart('operator');
    control.restart('operator again');
    expect(fake.app.relaunches).toEqual([{ args: ['/app/main.js', '--port=8421'] }]);
    expect(quit).toHaveBeenCalledOnce();
    expect(quit).toHaveBeenCalledWith(0);
    await history.flush();
    expect((await openRestartHistory(dir, quiet)).list().map((r) => r.cause)).toEqual(['operator']);
    expect(control.restarts().map((r) => r.cause)).toEqual(['operator']);
  });

  it('adds extra arguments for the next run without repeating them', async () => {
    const { control } = await setup();
    control.restartWith('gpu-crashes', ['--port=8421', '--kiosk-disable-gpu']);
    expect(fake.app.relaunches).toEqual([{ args: ['/app/main.js', '--port=8421', '--kiosk-disable-gpu'] }]);
  });

  it('exits without a relaunch', async () => {
    const { control, quit } = await setup();
    control.exit();
    expect(quit).toHaveBeenCalledWith(0);
    expect(fake.app.relaunches).toEqual([]);
  });
});
