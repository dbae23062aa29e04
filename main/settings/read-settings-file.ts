import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import type { z } from 'zod';
import { kioskSettingsSchema, type KioskSettings } from '../../app/contract/kiosk-settings.js';

/** A settings file is a few hundred bytes; anything this big is not one (and is not read into memory). */
export const MAX_SETTINGS_BYTES = 256 * 1024;

export type SettingsRead = { readonly ok: true; readonly settings: KioskSettings; readonly text: string } | { readonly ok: false; readonly missing: true } | { readonly ok: false; readonly missing: false; readonly reason: string };

/**
 * Reads one settings file (settings.json or its last good copy) without
 * trusting it: only a regular file (not a folder, not a symbolic link that
 * could point anywhere), at most MAX_SETTINGS_BYTES, JSON without
 * "__proto__" keys, and every value as kioskSettingsSchema wants it. The
 * reason, when it is refused, names the field, for the operator.
 */
export async function readSettingsFile(file: string): Promise<SettingsRead> {
  let info;
  try {
    info = await lstat(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, missing: true };
    return refused(`cannot be read (${(error as Error).message})`);
  }
  if (info.isSymbolicLink()) return refused('is a symbolic link, not a file');
  if (info.isDirectory()) return refused('is a folder, not a file');
  if (!info.isFile()) return refused('is not a regular file');
  if (info.size > MAX_SETTINGS_BYTES) return refused(`is ${Math.ceil(info.size / 1024)} KiB, more than a settings file can be (${MAX_SETTINGS_BYTES / 1024} KiB)`);
  let text: string;
  try {
    text = await readCapped(file);
  } catch (error) {
    return refused(error instanceof TooBig ? error.message : `cannot be read (${(error as Error).message})`);
  }
  let data: unknown;
  try {
    data = parseSettingsJson(text);
  } catch (error) {
    return refused(error instanceof Error ? error.message : String(error));
  }
  const parsed = kioskSettingsSchema.safeParse(data);
  if (!parsed.success) return refused(`has ${describeIssues(parsed.error.issues)}`);
  return { ok: true, settings: parsed.data, text };
}

/** JSON.parse that refuses "__proto__" keys (and tolerates the byte-order mark Windows Notepad writes). */
export function parseSettingsJson(text: string): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''), (key, value: unknown) => {
      if (key === '__proto__') throw new ProtoKey();
      return value;
    });
  } catch (error) {
    if (error instanceof ProtoKey) throw new Error('has a "__proto__" key, which is never a setting', { cause: error });
    throw new Error(`is not valid JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  return data;
}

/** "an invalid value: idleTimeoutS: Too small ..." / "an unknown key "colour"": at most three issues, each naming its field. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.slice(0, 3).map((issue) => {
    const where = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.map((k) => `"${[...where, k].join('.')}"`);
      return `${keys.length > 1 ? 'unknown keys' : 'an unknown key'} ${keys.join(', ')}`;
    }
    if (where.length === 0) return `no settings in it (${issue.message})`;
    return `an invalid value: ${where.join('.')}: ${issue.message}`;
  });
  return parts.join('; ') + (issues.length > 3 ? ` (and ${issues.length - 3} more)` : '');
}

class ProtoKey extends Error {}
class TooBig extends Error {}

/** Opens without following a link swapped in since lstat, and never reads past the cap (the file may grow meanwhile). */
async function readCapped(file: string): Promise<string> {
  const handle = await open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    const buffer = Buffer.alloc(MAX_SETTINGS_BYTES + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > MAX_SETTINGS_BYTES) throw new TooBig(`is more than a settings file can be (${MAX_SETTINGS_BYTES / 1024} KiB)`);
    }
    return buffer.subarray(0, length).toString('utf8');
  } finally {
    await handle.close();
  }
}

function refused(reason: string): SettingsRead {
  return { ok: false, missing: false, reason };
}
