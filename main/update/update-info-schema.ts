import { z } from 'zod';

/**
 * What the kiosk needs from a channel file (latest.yml, latest-linux.yml) as
 * electron-builder writes it. electron-updater parses the YAML; this checks
 * the result before anything is downloaded, so a hand-edited or truncated
 * feed gets an error naming the field instead of a failure deep inside the
 * download.
 */
export const updateFileInfoSchema = z.looseObject({
  url: z.string().min(1).max(2000),
  /** base64 of the file's SHA-512 (what electron-builder writes). */
  sha512: z.string().min(64).max(200),
  size: z.number().int().nonnegative().optional(),
});

export const updateInfoSchema = z.looseObject({
  version: z.string().min(1).max(64),
  files: z.array(updateFileInfoSchema).min(1, 'lists no installer').max(50),
  releaseDate: z.string().optional(),
  /** Staged rollout: the share of kiosks (0-100) that take this release; absent means all. */
  stagingPercentage: z.number().min(0).max(100).optional(),
});

/** Throws an error naming what is wrong with the channel file's content. */
export function checkUpdateInfo(info: unknown): void {
  const parsed = updateInfoSchema.safeParse(info);
  if (parsed.success) return;
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`)
    .join('; ');
  throw new Error(`the feed's channel file is not a valid update description: ${issues}`);
}
