// `kiosk start --help`: every flag and environment variable the launcher
// reads, in one place (README.md "Launching" says the same at more length).
import { EXHIBIT_LANGUAGES } from '../../app/contract/exhibit-language.js';
import { BACKEND_PREFERENCES, EXHIBIT_PORT } from '../cli/hub-flags.js';
import { CHROMIUM_ENV } from './find-chromium.js';
import { CHROMIUM_ARGS_ENV } from './start-chromium.js';
import { SHELL_KINDS } from './start-options.js';

export const START_HELP = `usage: kiosk start [flags]      (npm start -- [flags])

Runs the exhibit: the hub, and the display in an Electron kiosk window; when
Electron cannot start, in Chromium's kiosk mode; with no screen or browser,
it prints the display URL to open.

flags:
  --shell ${SHELL_KINDS.join('|').padEnd(21)} force a shell (default: the best that can start here;
                                a forced shell that cannot start is an error, not a fallback)
  --port N                      hub port (default ${EXHIBIT_PORT}; a free one with a warning when it is
                                taken; an explicit --port gets no fallback; 0: any free port)
  --host H                      0.0.0.0 or :: (default) also serve tablets on the LAN;
                                127.0.0.1, ::1 or localhost: this machine only
  --state-dir DIR               settings, paired tablets, restart history, Chromium profile
                                (default: .state in the package; the installed app: its user data folder)
  --model PATH                  export manifest (.json) or .onnx (default exports/mlp_weights.json)
  --snapshot ID                 the snapshot shown by default (default: the model's last)
  --backend ${BACKEND_PREFERENCES.join('|').padEnd(19)} inference backend (default auto: onnxruntime-node, else JS)
  --language ${EXHIBIT_LANGUAGES.join('|').padEnd(18)} the exhibit's language (default en)
  -h, --help                    this text

environment:
  ${CHROMIUM_ENV}=PATH            the Chromium/Chrome/Edge executable (skips the search)
  ${CHROMIUM_ARGS_ENV}=FLAGS      extra Chromium flags, space-separated (e.g. --remote-debugging-port=9222)
  ELECTRON_OVERRIDE_DIST_PATH=DIR  an Electron binary kept outside node_modules
  DISPLAY / WAYLAND_DISPLAY     the screen (Linux); unset: the URL is printed
  KIOSK_DEBUG=1                 stack traces with errors

When Electron cannot start (binary not downloaded, no display, crash before
its window opens) the launcher says why in one line and opens Chromium; when
the Electron shell itself gives up (the hub cannot start) it stops with that
reason instead. Ctrl+C, SIGTERM or SIGHUP stop the window, then the hub.`;

export function wantsHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}
