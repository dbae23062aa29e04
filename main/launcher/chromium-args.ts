// The command line for Chromium as a kiosk: full screen, no browser UI, and
// none of the things a desktop browser does that an exhibit must not show
// (first-run pages, the translate bar, crash-restore bubbles, keyring
// prompts, error dialogs) or do (update checks, sync, background traffic).
export interface ChromiumKioskArgs {
  url: string;
  /** A fresh profile folder: no history, no restored tabs, no stale permissions. */
  profileDir: string;
  platform: NodeJS.Platform;
  /** Chromium refuses to start as root unless its sandbox is turned off. */
  runningAsRoot: boolean;
  /** Appended as given (KIOSK_CHROMIUM_ARGS), e.g. --force-device-scale-factor=1. */
  extra?: string[];
  /** The screen's size where known: a window manager-less X server needs it for a full-screen window. */
  screen?: { width: number; height: number };
}

export function chromiumKioskArgs({ url, profileDir, platform, runningAsRoot, extra = [], screen }: ChromiumKioskArgs): string[] {
  return [
    '--kiosk',
    ...(screen ? ['--window-position=0,0', `--window-size=${screen.width},${screen.height}`] : []),
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-default-apps',
    '--disable-extensions',
    '--disable-sync',
    '--disable-background-networking',
    '--disable-component-update',
    '--check-for-update-interval=31536000',
    '--disable-features=Translate,MediaRouter,OptimizationHints',
    '--noerrdialogs',
    '--disable-session-crashed-bubble',
    '--hide-crash-restore-bubble',
    '--disable-infobars',
    // Visitors must not zoom the page away or swipe "back" out of it.
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    // Without a usable GPU (a VM, a bare X server) current Chromium refuses
    // WebGL instead of falling back to its software renderer, and the display
    // is a WebGL page. The fallback's "unsafe" is about untrusted web content;
    // this window only ever shows the hub's own page.
    '--enable-unsafe-swiftshader',
    ...(platform === 'linux' ? ['--password-store=basic'] : []),
    ...(platform === 'darwin' ? ['--use-mock-keychain'] : []),
    ...(runningAsRoot ? ['--no-sandbox'] : []),
    ...extra,
    url,
  ];
}

/** KIOSK_CHROMIUM_ARGS split on white space (no quoting: flags only). */
export function splitExtraArgs(text: string | undefined): string[] {
  return (text ?? '').split(/\s+/).filter(Boolean);
}
