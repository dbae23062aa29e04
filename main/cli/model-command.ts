// Placeholder until the model command lands (being written in this session).
import { UsageError } from './cli-error.js';

export async function runModelCommand(_args: string[]): Promise<number> {
  throw new UsageError('kiosk model: not available yet');
}
