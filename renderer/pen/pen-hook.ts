import type { PenDrawing } from '../../app/pen/pen-drawing.js';
import type { PenClientMessage } from '../../app/pen/pen-messages.js';
import type { PairProblem, PenLink } from '../../app/pen/pen-link.js';

/** What e2e tests read from the pen page (window.__pen); plain data only. */
export interface PenTestHook {
  link: PenLink;
  problem: PairProblem;
  language: string;
  drawing: PenDrawing;
  /** Every message type sent since the page loaded, in order (hello excluded). */
  sent: PenClientMessage['type'][];
  /** Largest number of points one stroke message carried. */
  maxBatchPoints: number;
  welcomes: number;
  /** Guess messages received. */
  guesses: number;
  /** Drops the socket as a Wi-Fi loss would (tests of the reconnect path). */
  dropLink(): void;
}
