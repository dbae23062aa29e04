import type { CreateBackend } from '../inference/backend.js';
import { createBackend } from '../inference/create-backend.js';
import { loadModel } from '../model/load-model.js';
import type { LoadModel } from './model-slot.js';

/** What the hub needs from the model and inference services; tests pass their own. */
export interface HubDeps {
  readonly loadModel: LoadModel;
  readonly createBackend: CreateBackend;
}

export const defaultHubDeps: HubDeps = {
  loadModel: (file) => loadModel(file),
  createBackend,
};
