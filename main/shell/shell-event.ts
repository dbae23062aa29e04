// What the Electron main process tells the launcher that spawned it: one JSON
// line on stdout when the kiosk window shows the display, or why it could not
// start. Installed builds have no launcher; the lines then go nowhere.
import { z } from 'zod';

const shellEventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('kiosk-shell-ready'), displayUrl: z.string(), backend: z.string() }),
  z.object({ event: z.literal('kiosk-shell-fatal'), message: z.string() }),
]);

export type ShellEvent = z.infer<typeof shellEventSchema>;

export function formatShellEvent(event: ShellEvent): string {
  return `${JSON.stringify(event)}\n`;
}

/** The event on a line of the shell's stdout, or null for any other output. */
export function parseShellEvent(line: string): ShellEvent | null {
  if (!line.startsWith('{"event":"kiosk-shell-')) return null;
  try {
    const parsed = shellEventSchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
