import { z } from 'zod';
import { snapshotChangedSchema, pongSchema, welcomeSchema } from './display-messages.js';
import { frameSchema } from './frame.js';
import { hubErrorSchema } from './hub-error.js';

/** Everything the hub may send to a display. */
export const hubMessageSchema = z.discriminatedUnion('type', [welcomeSchema, frameSchema, snapshotChangedSchema, pongSchema, hubErrorSchema]);

export type HubMessage = z.infer<typeof hubMessageSchema>;
