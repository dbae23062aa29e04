// The display page needs no browser permission (no camera, microphone,
// notifications, geolocation, ...): every request is denied without a prompt,
// so no permission dialog can ever appear in front of a visitor.
import { session } from 'electron';
import type { Disposer } from './disposer.js';

export function setupPermissionPolicy(): Disposer {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  return () => {
    ses.setPermissionRequestHandler(null);
    ses.setPermissionCheckHandler(null);
  };
}
