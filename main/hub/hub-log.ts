/**
 * The hub's one logger. The Electron shell passes electron-log here later;
 * the headless command and tests use stderrLog, so stdout stays free for the
 * serve command's one JSON line.
 */
export type LogFields = Readonly<Record<string, unknown>>;

export interface HubLog {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

function line(level: string, message: string, fields?: LogFields): string {
  return `${new Date().toISOString()} ${level} hub: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`;
}

export const stderrLog: HubLog = {
  info: (message, fields) => process.stderr.write(line('info', message, fields)),
  warn: (message, fields) => process.stderr.write(line('warn', message, fields)),
  error: (message, fields) => process.stderr.write(line('error', message, fields)),
};

export const silentLog: HubLog = { info: () => {}, warn: () => {}, error: () => {} };
