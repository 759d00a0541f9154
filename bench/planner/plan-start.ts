import { Model } from '../../src/planning/engine/model';

/**
 * A week plan's assignments as the engine's P×H array (the session of each prisoner and half-day, or
 * -1): the starting plan the day solvers and the configuration-LP bound take.
 */
export function planAsStart(m: Model, assignments: ReadonlyArray<{ prisonerId: string; sessionId: string }>): Int32Array {
  const start = new Int32Array(m.P * m.H).fill(-1);
  for (const a of assignments) {
    const p = m.prisonerIndex.get(a.prisonerId)!;
    const s = m.sessionIndex.get(a.sessionId)!;
    start[p * m.H + m.sessionHd[s]] = s;
  }
  return start;
}
