import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-error.js';

/** node:util parseArgs with its errors turned into one-line usage errors. */
export function parseCliArgs<T extends ParseArgsConfig['options']>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`${command}: ${message}`);
  }
}

/** Exactly one positional argument, named `what` in the error. */
export function onePositional(command: string, positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`${command}: expected one ${what}, got ${positionals.length ? positionals.join(' ') : 'none'}`);
  return positionals[0]!;
}
