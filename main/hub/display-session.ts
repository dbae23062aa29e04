import type { ClientMessage } from '../../app/contract/client-messages.js';
import type { ExhibitLanguage } from '../../app/contract/exhibit-language.js';
import type { Welcome } from '../../app/contract/display-messages.js';
import { hubError } from '../../app/contract/hub-error.js';
import type { HubMessage } from '../../app/contract/hub-messages.js';
import { PROTOCOL_VERSION } from '../../app/contract/limits.js';
import { backendNotesOf } from '../inference/backend.js';
import { createClientErrorLog } from './client-error-log.js';
import { HubFailure } from './hub-failure.js';
import type { HubLog } from './hub-log.js';
import type { InkPipeline } from './ink-pipeline.js';
import type { LiveTrainingHub } from './live-training-hub.js';
import { secretMatches } from './launch-secret.js';
import type { ActiveModel, ModelSlot } from './model-slot.js';
import type { ScreenTurn } from './pen-room.js';

export interface SessionDeps {
  readonly secret: string;
  readonly slot: ModelSlot;
  readonly pipeline: InkPipeline;
  readonly language: ExhibitLanguage;
  /** The pad's turn among the pens (one active drawer). */
  readonly screen: ScreenTurn;
  /** Tells every display that the snapshot changed. */
  readonly announceSnapshot: (active: ActiveModel) => void;
  /** This display opened or closed the timeline (it then gets timeline-frames, see timeline-pass.ts). */
  readonly setTimelineOpen: (open: boolean) => void;
  /** Where the page's own errors (client-error) are written, rate-limited per connection. */
  readonly log: HubLog;
  /** Live training (live-training-hub.ts); without it a live-training request is refused. */
  readonly liveTraining?: Pick<LiveTrainingHub, 'request'>;
}

export interface DisplaySession {
  readonly authenticated: boolean;
  /** Handles one validated message; never throws. */
  handle(message: ClientMessage): Promise<void>;
}

export function welcomeOf(active: ActiveModel, language: ExhibitLanguage): Welcome {
  const { info, snapshotId, backend } = active;
  return { type: 'welcome', protocol: PROTOCOL_VERSION, role: 'display', model: info, snapshotId, backend: backend.name, backendNotes: backendNotesOf(backend), language };
}

/**
 * One display connection's protocol state: hello first, then ink, clear,
 * snapshot selection and pings. Transport-free (send and close are given) so
 * that the rules are readable in one place.
 */
export function createDisplaySession(deps: SessionDeps, send: (message: HubMessage) => void, close: (code: number, reason: string) => void): DisplaySession {
  let authenticated = false;
  const logClientError = createClientErrorLog(deps.log);

  async function handle(message: ClientMessage): Promise<void> {
    if (message.type === 'hello') {
      if (authenticated) return send(hubError('hello-required', 'hello was already accepted on this connection'));
      if (!secretMatches(deps.secret, message.secret)) {
        send(hubError('unauthorized', 'wrong secret: open the display with the URL the hub printed'));
        return close(4401, 'unauthorized');
      }
      authenticated = true;
      send(welcomeOf(deps.slot.current(), deps.language));
      // A display that (re)connects shows the current drawing at once.
      const last = deps.pipeline.lastFrame();
      if (last) send(last);
      return;
    }
    if (!authenticated) return send(hubError('hello-required', `send hello before "${message.type}"`));

    switch (message.type) {
      case 'ink': {
        if (message.attract) {
          if (!deps.screen.attractMayShow()) return;
          return deps.pipeline.submit({ strokes: message.strokes, inkId: message.id, onError: (m) => send(hubError('internal', m)) });
        }
        // A tablet holds the turn: the pad keeps its ink and sends it again when the wait is over.
        const waitMs = deps.screen.ink();
        if (waitMs > 0) return send({ ...hubError('not-your-turn', 'a tablet is drawing'), retryAfterMs: waitMs });
        return deps.pipeline.submit({ strokes: message.strokes, inkId: message.id, onError: (m) => send(hubError('internal', m)) });
      }
      case 'clear':
        if (message.attract) {
          if (!deps.screen.attractMayShow()) return;
          return deps.pipeline.submit({ strokes: [], inkId: message.id ?? null, onError: (m) => send(hubError('internal', m)) });
        }
        // Clearing the pad must not blank a tablet's digit on the wall.
        if (!deps.screen.clear()) return;
        return deps.pipeline.submit({ strokes: [], inkId: message.id ?? null, onError: (m) => send(hubError('internal', m)) });
      case 'select-snapshot':
        try {
          const active = await deps.slot.selectSnapshot(message.snapshotId);
          deps.announceSnapshot(active);
          deps.pipeline.rerun();
        } catch (error) {
          if (error instanceof HubFailure) send(hubError(error.code, error.message));
          else send(hubError('model-error', error instanceof Error ? error.message : String(error)));
        }
        return;
      case 'timeline':
        return deps.setTimelineOpen(message.open);
      case 'live-training': {
        const refused = deps.liveTraining ? deps.liveTraining.request(message.action) : hubError('live-training-refused', 'live training is not available on this hub');
        if (refused) send(refused);
        return;
      }
      case 'ping':
        return send({ type: 'pong', ...(message.t === undefined ? {} : { t: message.t }), hubTime: Date.now() });
      case 'client-error':
        // Logged only: no reply, so a page in an error loop gets no traffic back either.
        return logClientError(message);
    }
  }

  return {
    get authenticated() {
      return authenticated;
    },
    handle,
  };
}
