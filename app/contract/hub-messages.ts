import { z } from 'zod';
import { snapshotChangedSchema, pongSchema, reloadSchema, welcomeSchema } from './display-messages.js';
import { exhibitSettingsSchema } from './exhibit-settings.js';
import { frameSchema } from './frame.js';
import { hubErrorSchema } from './hub-error.js';
import { liveTrainingStatusSchema } from './live-training.js';
import { pairingInfoSchema } from './pairing-info.js';
import { timelineFrameSchema } from './timeline-frame.js';

/** Everything the hub may send to a display. */
export const hubMessageSchema = z.discriminatedUnion('type', [welcomeSchema, frameSchema, snapshotChangedSchema, pongSchema, hubErrorSchema, pairingInfoSchema, timelineFrameSchema, liveTrainingStatusSchema, reloadSchema, exhibitSettingsSchema]);

export type HubMessage = z.infer<typeof hubMessageSchema>;
