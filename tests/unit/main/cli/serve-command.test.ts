import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../../../main/cli/serve-command.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

/**
 * `kiosk serve ...` as a real process: from source through tsx, or the bundle
 * (dist/main/kiosk.js, built by the vitest global setup) where signals matter,
 * since tsx relays signals to its child by rules of its own.
 */
function kiosk(args: string[], cwd = root, from: 'source' | 'bundle' = 'source') {
  const [command, script] = from === 'source' ? [tsx, 'main/cli/kiosk.ts'] : [process.execPath, 'dist/main/kiosk.js'];
  const child = spawn(command, [path.join(root, script), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

describe('parseServeArgs', () => {
  it('reads every option', () => {
    expect(parseServeArgs(['--headless', '--port', '8080', '--host', '0.0.0.0', '--state-dir', 's', '--model', 'm.onnx', '--snapshot', 'approx_1k', '--backend', 'js'])).toEqual({
      port: 8080, host: '0.0.0.0', stateDir: 's', modelPath: 'm.onnx', snapshotId: 'approx_1k', backend: 'js',
    });
    expect(parseServeArgs(['--headless'])).toEqual({});
  });

  it.each([
    [[], /only --headless/],
    [['--headless', '--port', 'eighty'], /--port must be a whole number/],
    [['--headless', '--port', '70000'], /--port must be a whole number/],
    [['--headless', '--port', '-1'], /--port/],
    [['--headless', '--backend', 'gpu'], /--backend must be one of auto, ort, js/],
    [['--headless', '--host', ''], /--host must not be empty/],
    [['--headless', '--host', '192.168.1.20'], /use --host 0\.0\.0\.0 to also serve the LAN/],
    [['--headless', '--colour', 'red'], /^serve: Unknown option '--colour'/],
    [['--headless', 'extra'], /unexpected argument "extra"/],
  ])('refuses %j', (args, message) => {
    expect(() => parseServeArgs(args)).toThrow(message);
  });
});

describe('kiosk serve --headless (a real process)', () => {
  it('prints one JSON line once listening, logs to stderr, and exits 0 on SIGTERM', async () => {
    // From another cwd: the default model is found relative to the package, not the cwd.
    const run = kiosk(['serve', '--headless', '--port', '0', '--backend', 'js'], '/');
    const lines = createInterface({ input: run.child.stdout });
    const first = await new Promise<string>((resolve) => lines.once('line', resolve));
    const ready = JSON.parse(first) as Record<string, unknown>;
    expect(ready).toMatchObject({ host: '127.0.0.1', backend: 'js', snapshot: 'dataset_50x' });
    expect(ready.displayUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/display\/#k=/);
    expect(ready.model).toBe(path.join(root, 'exports', 'mlp_weights.json'));
    const page = await fetch(new URL('/api/model', String(ready.url)));
    expect(page.status).toBe(401);
    const more: string[] = [];
    lines.on('line', (l) => more.push(l));
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    expect(more).toEqual([]);
    expect(run.stderr()).toContain('listening');
  });

  it('a second signal while closing is ignored, as in kiosk start (wait-for-stop.ts): the hub still closes in order', async () => {
    const run = kiosk(['serve', '--headless', '--port', '0', '--backend', 'js'], root, 'bundle');
    const lines = createInterface({ input: run.child.stdout });
    await new Promise<string>((resolve) => lines.once('line', resolve));
    await new Promise((resolve) => setTimeout(resolve, 300)); // settled: both signals land in one close
    run.child.kill('SIGTERM');
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
    expect(run.stderr().match(/closing the hub/g)).toEqual(['closing the hub']);
  });

  it('fails with one line and a non-zero exit for bad options or a broken model', async () => {
    const bad = kiosk(['serve', '--headless', '--port', 'x']);
    expect(await bad.exited).toBe(2);
    expect(bad.stderr().trim().split('\n')).toEqual(['kiosk: serve: --port must be a whole number from 0 to 65535 (0 picks a free port), got "x"']);

    const missing = kiosk(['serve', '--headless', '--model', '/nonexistent/model.json']);
    expect(await missing.exited).toBe(1);
    const lines = missing.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^kiosk: .*nonexistent\/model\.json/);

    const unknown = kiosk(['serve', '--headless', '--snapshot', 'dataset_99x', '--backend', 'js']);
    expect(await unknown.exited).toBe(1);
    expect(unknown.stderr().trim().split('\n')).toEqual([expect.stringMatching(/^kiosk: error: no snapshot "dataset_99x" in mlp_weights\.json; it has initial, approx_50, .*, dataset_50x$/)]);
  });

  it("--snapshot sets the snapshot shown by default (the operator's choice)", async () => {
    const run = kiosk(['serve', '--headless', '--port', '0', '--backend', 'js', '--snapshot', 'dataset_1x']);
    const lines = createInterface({ input: run.child.stdout });
    const ready = JSON.parse(await new Promise<string>((resolve) => lines.once('line', resolve))) as Record<string, unknown>;
    expect(ready.snapshot).toBe('dataset_1x');
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });
});

describe('kiosk --help', () => {
  it('lists every serve flag and says which hosts are accepted', async () => {
    const run = kiosk(['--help']);
    const out: string[] = [];
    run.child.stdout.on('data', (d: Buffer) => out.push(d.toString()));
    const ended = new Promise((resolve) => run.child.stdout.once('end', resolve));
    expect(await run.exited).toBe(0);
    await ended;
    const usage = out.join('');
    expect(usage).toContain('kiosk serve --headless [--port N] [--host H] [--state-dir DIR] [--model PATH] [--snapshot ID] [--backend auto|ort|js] [--language en|de]\n');
    expect(usage).toContain('kiosk model info <manifest.json|model.onnx> [--json]\n');
    expect(usage).toContain('use --host 0.0.0.0 (or ::) to also serve the LAN');
  });
});
