// The display is a WebGL page. Without a usable GPU (a VM, a remote desktop)
// current Chromium, and so Electron, refuses WebGL instead of falling back to
// its software renderer; allow the fallback. The "unsafe" in the switch is
// about untrusted web content, and this app only shows the hub's own page
// (see web-contents-policy.ts). Must run before the app is ready.
import { app } from 'electron';

export function setupGpuFallback(): void {
  app.commandLine.appendSwitch('enable-unsafe-swiftshader');
}
