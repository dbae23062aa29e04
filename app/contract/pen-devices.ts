import { z } from 'zod';

/** GET /api/devices (loopback, Bearer secret): the paired tablets. Tokens never leave the hub. */
export const pairedDeviceSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  /** ms since the epoch */
  pairedAt: z.number(),
  lastSeenAt: z.number(),
  /** How many sockets of this device are open now. */
  connected: z.number().int().min(0),
});

export const devicesResponseSchema = z.strictObject({ devices: z.array(pairedDeviceSchema) });

export type PairedDevice = z.infer<typeof pairedDeviceSchema>;
export type DevicesResponse = z.infer<typeof devicesResponseSchema>;
