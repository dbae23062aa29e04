// `kiosk operator-pin --state-dir DIR [--pin NNNNNN]`: a new operator PIN
// for staff who forgot theirs. Whoever can run commands on the exhibit PC
// may do this (physical access is the recovery path); the PIN is stored
// only as its hash, and operator-pin.txt, if a first start left one, goes.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { HubLog } from '../hub/hub-log.js';
import { openSettingsStore, SETTINGS_FILE } from '../settings/open-settings-store.js';
import { operatorPinProblem, randomOperatorPin, setOperatorPin } from '../settings/operator-pin.js';
import { UsageError } from './cli-error.js';
import { parseCliArgs } from './parse-cli-args.js';

const COMMAND = 'operator-pin';

export interface OperatorPinArgs {
  readonly stateDir: string;
  /** Absent: a random 6-digit PIN is made and printed. */
  readonly pin?: string;
}

export function parseOperatorPinArgs(args: string[]): OperatorPinArgs {
  const { values, positionals } = parseCliArgs(COMMAND, args, { 'state-dir': { type: 'string' }, pin: { type: 'string' } });
  if (positionals.length) throw new UsageError(`${COMMAND}: unexpected argument "${positionals[0]}"`);
  const stateDir = values['state-dir'];
  if (!stateDir) throw new UsageError(`${COMMAND}: --state-dir DIR is required (the folder the kiosk keeps its settings in)`);
  const pin = values.pin;
  if (pin !== undefined) {
    const problem = operatorPinProblem(pin);
    if (problem) throw new UsageError(`${COMMAND}: --pin refused: ${problem}`);
  }
  return { stateDir, ...(pin === undefined ? {} : { pin }) };
}

/** Settings-file notes go to stderr as "kiosk: ..." lines; stdout carries only the PIN line. */
const cliLog: HubLog = {
  info: () => {},
  warn: (message) => process.stderr.write(`kiosk: warning: ${message}\n`),
  error: (message, fields) => process.stderr.write(`kiosk: ${typeof fields?.problem === 'string' ? fields.problem : message}\n`),
};

export async function runOperatorPinCommand(args: string[]): Promise<number> {
  const options = parseOperatorPinArgs(args);
  const stateDir = path.resolve(options.stateDir);
  // A typo must not make a new folder whose PIN no kiosk reads.
  const folder = await stat(stateDir).catch(() => undefined);
  if (!folder?.isDirectory()) throw new UsageError(`${COMMAND}: no such folder: ${stateDir} (give the kiosk's --state-dir)`);
  const store = await openSettingsStore(stateDir, cliLog);
  const pin = options.pin ?? randomOperatorPin();
  await setOperatorPin(store, stateDir, pin);
  await store.flush();
  const where = path.join(stateDir, SETTINGS_FILE);
  if (options.pin === undefined) process.stdout.write(`new operator PIN: ${pin}\n`);
  process.stderr.write(`kiosk: operator PIN set in ${where}; a kiosk running now uses it after its next restart\n`);
  return 0;
}
