// The operator menu: in the display's overlay (?embedded=1, same origin) or
// on a laptop on the LAN. Everything goes through /api/operator/* with the
// contract in app/contract/operator-*.ts; the PIN gates it all.
import { z } from 'zod';
import type { OperatorAction, SettingsChange } from '../../app/contract/operator-request.js';
import type { OperatorState } from '../../app/contract/operator-state.js';
import { languageOf } from '../shared/i18n.js';
import { element } from './dom.js';
import { renderExhibitSection } from './exhibit-section.js';
import { renderHealthSection } from './health-section.js';
import { renderKioskSection } from './kiosk-section.js';
import { OperatorApi, type ApiResult } from './operator-api.js';
import { operatorText, type OperatorTextKey } from './operator-text.js';
import { renderPairingSection } from './pairing-section.js';
import { PinPad } from './pin-pad.js';
import { renderSnapshotSection } from './snapshot-section.js';
import { renderUpdatesSection } from './updates-section.js';

// The page's CSP forbids eval, which zod's fast paths would use.
z.config({ jitless: true });

const params = new URLSearchParams(location.search);
const embedded = params.get('embedded') === '1';
const language = languageOf(params.get('lang') ?? navigator.language);
const t = (key: OperatorTextKey, p?: Record<string, string | number>): string => operatorText(language, key, p);
/** In the overlay: locked and closed after this long without a touch (the session itself ends after 15 min). */
const EMBEDDED_IDLE_MS = Number(params.get('idleMs')) > 0 ? Number(params.get('idleMs')) : 120_000;

const api = new OperatorApi();
const message = element('message');
let refresh: ReturnType<typeof setInterval> | undefined;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

document.documentElement.lang = language;
document.body.classList.toggle('embedded', embedded);
for (const el of document.querySelectorAll<HTMLElement>('[data-text]')) el.textContent = t(el.dataset.text as OperatorTextKey);
const pad = new PinPad(element('pin-keys'), element('pin-dots'), (pin) => void unlock(pin), { delete: t('pinDelete'), ok: t('pinOk') });
element('lock').addEventListener('click', () => void lock(true));
element('close').addEventListener('click', () => void lock(true, true));
element('lock-close').addEventListener('click', () => closeOverlay());
show('lock');

function show(view: 'lock' | 'menu'): void {
  document.body.dataset.view = view;
  element('lock-screen').hidden = view !== 'lock';
  element('menu').hidden = view !== 'menu';
}

function say(text: string, kind: 'ok' | 'error' = 'ok'): void {
  message.textContent = text;
  message.dataset.kind = kind;
}

async function unlock(pin: string): Promise<void> {
  const result = await api.login(pin);
  pad.clear();
  if (!result.ok) {
    const e = result.error;
    say(e.code === 'locked-out' ? t('pinLocked', { seconds: Math.ceil((e.retryAfterMs ?? 0) / 1000) }) : e.code === 'no-pin' ? t('pinNone') : e.code === 'unauthorized' ? t('pinWrong') : t('error', { message: e.message }), 'error');
    return;
  }
  say('');
  const next = await api.state();
  if (!next.ok) return failed(next);
  use(next.value, true);
  show('menu');
  refresh = setInterval(() => void api.state().then((r) => (r.ok ? use(r.value, false) : failed(r))), 5_000);
  touched();
}

/** Ends the session (logout), back to the keypad; in the overlay also closes it. */
async function lock(logout: boolean, close = embedded): Promise<void> {
  clearInterval(refresh);
  clearTimeout(idleTimer);
  if (logout && api.loggedIn) await api.action({ action: 'logout' });
  api.forget();
  for (const id of ['section-snapshot', 'section-pairing', 'section-exhibit', 'section-updates', 'section-health', 'section-kiosk']) element(id).replaceChildren();
  show('lock');
  if (close) closeOverlay();
  else touched();
}

function closeOverlay(): void {
  if (embedded && window.parent !== window) window.parent.postMessage({ type: 'operator-close' }, location.origin);
}

function failed(result: Extract<ApiResult<unknown>, { ok: false }>): void {
  if (result.error.code === 'unauthorized') {
    void lock(false, false);
    say(t('pinTitle'));
    return;
  }
  say(t('error', { message: result.error.message }), 'error');
}

/** Shows a new state; the forms (exhibit, kiosk) are rebuilt only when asked, so a refresh never wipes an edit. */
function use(next: OperatorState, forms: boolean): void {
  renderSnapshotSection(element('section-snapshot'), next, language, act, upload);
  renderPairingSection(element('section-pairing'), next, language, act);
  renderHealthSection(element('section-health'), next, language);
  if (forms) {
    renderExhibitSection(element('section-exhibit'), next, language, save);
    renderUpdatesSection(element('section-updates'), next, language, act, save);
    renderKioskSection(element('section-kiosk'), next, language, act, save);
  }
  const problem = next.settingsProblem;
  element('settings-problem').hidden = !problem;
  element('settings-problem').textContent = problem ? t('settingsProblem', { message: problem }) : '';
  document.body.dataset.snapshot = next.snapshotId;
}

async function act(action: OperatorAction): Promise<void> {
  const result = await api.action(action);
  if (!result.ok) return failed(result);
  if (result.value === null) {
    // Logout or a new PIN: the session has ended.
    await lock(false, action.action === 'logout' && embedded);
    if (action.action === 'set-pin') say(t('pinChanged'));
    return;
  }
  say(action.action === 'set-settings' ? t('saved') : '');
  use(result.value, action.action === 'switch-model' || action.action === 'check-update' || action.action === 'install-update');
}

function save(change: SettingsChange): void {
  void act({ action: 'set-settings', change });
}

function upload(files: FileList, folder: boolean): void {
  // A folder arrives with relative paths ("export/mlp_weights/000.json"): the hub needs them to rebuild the export.
  const list = Array.from(files, (file) => ({ file, name: folder ? file.webkitRelativePath || file.name : file.name }));
  say(t('modelUploading'));
  void api.upload(list).then((result) => {
    if (!result.ok) return failed(result);
    say(t('modelLoaded'));
    use(result.value, true);
  });
}

/**
 * Any touch or key keeps the overlay open; without them it locks and closes,
 * on the keypad too: a visitor who found the gesture and walked away must
 * not leave the keypad on the wall.
 */
function touched(): void {
  if (!embedded) return;
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void lock(api.loggedIn, true), EMBEDDED_IDLE_MS);
}
for (const type of ['pointerdown', 'keydown', 'wheel', 'input']) window.addEventListener(type, touched, { passive: true });
touched();
// In the overlay the keyboard's focus is here: the chord that opened the menu closes it (after logging out).
window.addEventListener('keydown', (e) => {
  if (embedded && e.ctrlKey && e.altKey && e.key.toLowerCase() === 'o') {
    e.preventDefault();
    void lock(true, true);
  }
});
// The display closes the overlay (the chord again): log out, then say the overlay may go.
window.addEventListener('message', (e: MessageEvent<unknown>) => {
  if (e.origin === location.origin && e.source === window.parent && (e.data as { type?: string } | null)?.type === 'operator-lock') void lock(true, true);
});
