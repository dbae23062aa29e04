// The display is a WebGL page. Without a usable GPU (a VM, a remote desktop)
// current Chromium, and so Electron, refuses WebGL instead of falling back to
// its software renderer; allow the fallback. The "unsafe" in the switch is
// about untrusted web content, and this app only shows the hub's own page
// (see web-contents-policy.ts). Must run before the app is ready.
import { app } from 'electron';

/**
 * Added to the command line when the shell relaunches itself after repeated
 * GPU process crashes (gpu-crash-handling.ts): that run does without
 * hardware acceleration. A fresh start (power cycle, operator) tries the GPU again.
 */
export const NO_GPU_FLAG = '--kiosk-disable-gpu';

export function setupGpuFallback(argv: readonly string[] = []): void {
  app.commandLine.appendSwitch('enable-unsafe-swiftshader');
  if (argv.includes(NO_GPU_FLAG)) app.disableHardwareAcceleration();
}
