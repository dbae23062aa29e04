// In the installed app devtools are off (webPreferences.devTools false, see
// kiosk-window.ts); this also swallows their keys, so that a visitor with a
// keyboard gets nothing, and closes devtools should anything open them.
import { app, type Input, type WebContents } from 'electron';
import type { Disposer } from './disposer.js';

type Keys = Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'shift' | 'alt'>;

/** F12, Ctrl+Shift+I/J/C, and on macOS Cmd+Alt+I/J/C. */
export function isDevToolsShortcut(input: Keys): boolean {
  if (input.type !== 'keyDown') return false;
  if (input.key === 'F12') return true;
  const key = input.key.toLowerCase();
  if (!['i', 'j', 'c'].includes(key)) return false;
  return (input.control && input.shift) || (input.meta && input.alt);
}

export function setupDevtoolsGuard(): Disposer {
  const onCreated = (_event: unknown, contents: WebContents): void => {
    contents.on('before-input-event', (event, input) => {
      if (isDevToolsShortcut(input)) event.preventDefault();
    });
    contents.on('devtools-opened', () => contents.closeDevTools());
  };
  app.on('web-contents-created', onCreated);
  return () => {
    app.off('web-contents-created', onCreated);
  };
}
