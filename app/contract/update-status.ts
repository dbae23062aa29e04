import { z } from 'zod';

/**
 * Where the updater stands, as the operator menu shows it (and the hub log
 * records it). Written by main/update/, sent to operator pages; nothing
 * here is ever shown to a visitor.
 */
export const UPDATE_STATES = ['disabled', 'idle', 'checking', 'up-to-date', 'downloading', 'downloaded', 'installing', 'error'] as const;

export const updateStatusSchema = z.strictObject({
  state: z.enum(UPDATE_STATES),
  /** The version running now. */
  currentVersion: z.string(),
  /** A newer version the feed offers (set from "downloading" on). */
  availableVersion: z.string().nullable(),
  /** 0..100 while downloading. */
  percent: z.number().min(0).max(100).nullable(),
  /** Epoch ms of the last finished check, and of the next planned one. */
  lastCheckAt: z.number().nullable(),
  nextCheckAt: z.number().nullable(),
  /** Why the last check, download or install failed (the running version is untouched). */
  error: z.string().nullable(),
  /** Why a downloaded update waits (outside the maintenance window, a visitor drawing, pinned), or null. */
  waitingFor: z.string().nullable(),
  /** The version the operator pinned, and the last version that ran well (the one to roll back to). */
  pinnedVersion: z.string().nullable(),
  lastGoodVersion: z.string().nullable(),
  /** The feed in use, for the health page. */
  feedUrl: z.string().nullable(),
});

export type UpdateState = z.infer<typeof updateStatusSchema>['state'];
export type UpdateStatus = z.infer<typeof updateStatusSchema>;
