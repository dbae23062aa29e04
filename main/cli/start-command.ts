// Placeholder until the start command lands (being written in this session).
import { UsageError } from './cli-error.js';

export async function runStartCommand(_args: string[]): Promise<number> {
  throw new UsageError('kiosk start: not available yet');
}
