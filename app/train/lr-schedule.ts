/**
 * How Adam's step size changes over a run. "constant" is the reference
 * trainer's (lr for every step). "cosine" falls from lr to 0 along half a
 * cosine over all the run's steps: the late, small steps settle the weights
 * instead of leaving them jittering around a minimum at full step size, which
 * is worth a few tenths of a point of test accuracy at the end of 50 passes.
 * A function of the step count only, so a resumed run steps exactly as an
 * uninterrupted one.
 */
export const LR_SCHEDULES = ['constant', 'cosine'] as const;
export type LrSchedule = (typeof LR_SCHEDULES)[number];

/** The step size for 1-based `step` of `totalSteps`. */
export function learningRateAt(schedule: LrSchedule, lr: number, step: number, totalSteps: number): number {
  if (schedule === 'constant' || totalSteps <= 0) return lr;
  const progress = Math.min(1, Math.max(0, (step - 1) / totalSteps));
  return lr * 0.5 * (1 + Math.cos(Math.PI * progress));
}
