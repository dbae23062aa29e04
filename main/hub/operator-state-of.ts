import type { OperatorState } from '../../app/contract/operator-state.js';
import { backendNotesOf } from '../inference/backend.js';
import { listInstalledModels } from './installed-models.js';
import type { OperatorDeps } from './operator-deps.js';
import { probeTrainingBackend } from './training-backend-probe.js';

/** The snapshot the exhibit returns to: the operator's setting when this model has it, else the model's own. */
export function defaultSnapshotOf(deps: Pick<OperatorDeps, 'settings' | 'slot'>): string {
  const { model } = deps.slot.current();
  const wanted = deps.settings.get().snapshotId;
  return wanted !== null && model.timeline.some((e) => e.id === wanted) ? wanted : model.defaultSnapshotId;
}

/** Everything the operator menu shows, read fresh from the hub and the services. */
export async function operatorStateOf(deps: OperatorDeps): Promise<OperatorState> {
  const now = Date.now();
  const { operatorPin, ...settings } = deps.settings.get();
  const active = deps.slot.current();
  const installed = await listInstalledModels(deps.stateDir, deps.bundledModel);
  const devices = deps.devices.list();
  const memory = process.memoryUsage();
  const display = deps.displayHealth?.();
  return {
    type: 'operator-state',
    settings: { ...settings, pinSet: operatorPin !== null },
    settingsProblem: deps.settings.problem ?? null,
    model: active.info,
    snapshotId: active.snapshotId,
    defaultSnapshotId: defaultSnapshotOf(deps),
    backend: active.backend.name,
    backendNotes: backendNotesOf(active.backend),
    installedModels: installed.map((m) => ({ id: m.id, name: m.name, kind: m.kind, inUse: m.file === active.model.path })),
    uploadProblem: deps.stateDir ? null : 'this kiosk runs without a state folder (--state-dir): an uploaded model would have nowhere to stay',
    pairing: deps.pairing(),
    devices,
    health: {
      startedAt: deps.startedAt,
      uptimeS: Math.round((now - deps.startedAt) / 1000),
      memory: { rss: memory.rss, heapUsed: memory.heapUsed, heapTotal: memory.heapTotal, external: memory.external },
      displays: { connected: deps.displays(), fps: display?.fps ?? null, lastHeartbeatAt: display?.lastHeartbeatAt ?? null },
      restarts: deps.shell ? deps.shell.restarts().map((r) => ({ at: r.at, cause: r.cause })) : null,
      inference: { backend: active.backend.name, notes: backendNotesOf(active.backend) },
      training: probeTrainingBackend(),
      tabletsConnected: devices.filter((d) => d.connected > 0).length,
      recentProblems: deps.recentProblems(),
    },
    updates: deps.updates ? deps.updates.status() : null,
    shell: deps.shell ? deps.shell.kind : null,
  };
}
