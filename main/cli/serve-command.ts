// Placeholder until the serve command lands (being written in this session).
import { UsageError } from './cli-error.js';

export async function runServeCommand(_args: string[]): Promise<number> {
  throw new UsageError('kiosk serve: not available yet');
}
