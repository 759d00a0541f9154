/**
 * Automatic week planner (pure TypeScript, no framework imports). The public API:
 * - `planWeekExact(input, { timeLimitMs })` (with the exact per-day step, HiGHS) / `planWeek(...)` (without): the plan, its metrics, the proven upper bound, the greedy
 *   baseline's metrics, one explanation per prisoner-day without activity, input conflicts;
 * - `runPlanWeekInWorker(input, options)` / `EnginePool`: the same off the main thread;
 * - `greedyPlan(input)`: the baseline; `upperBound(input)`: the bound alone;
 * - `validatePlan(input, assignments)`: every hard-rule violation of any plan;
 * See docs/planner.md.
 */
export * from './types';
export { planWeek, planWeekExact, upperBound, DEFAULT_TIME_LIMIT_MS } from './plan-week';
export { loadExactSolver } from './exact-day';
export { validatePlan } from './validate';
export { EngineError, EnginePool, runPlanWeekInWorker } from './engine-pool';
export type { EngineFailure, EngineMode, EnginePoolOptions } from './engine-pool';
export { greedyPlan } from './greedy';
