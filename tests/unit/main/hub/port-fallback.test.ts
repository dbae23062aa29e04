import { describe, expect, it } from 'vitest';
import { silentLog } from '../../../../main/hub/hub-log.js';
import { startHub } from '../../../../main/hub/start-hub.js';

// kiosk start asks for the exhibit's fixed port with a fallback: a taken port
// must not leave the wall dark (tablets re-pair by QR code), but an explicit
// --port (no fallback) still fails with the clear message.
describe('port fallback', () => {
  it('takes a free port with a warning when the asked one is taken, and only when allowed', async () => {
    const first = await startHub({ port: 0, log: silentLog, mdns: false });
    try {
      await expect(startHub({ port: first.port, log: silentLog, mdns: false })).rejects.toThrow(/already in use/);
      const warnings: string[] = [];
      const second = await startHub({ port: first.port, portFallback: true, log: { ...silentLog, warn: (m: string) => void warnings.push(m) }, mdns: false });
      try {
        expect(second.port).not.toBe(first.port);
        expect(second.pairing().penUrl).toContain(`:${second.port}/pen/#pair=`);
        expect(warnings.some((w) => w.startsWith(`port ${first.port} is taken`))).toBe(true);
      } finally {
        await second.close();
      }
    } finally {
      await first.close();
    }
  });
});
