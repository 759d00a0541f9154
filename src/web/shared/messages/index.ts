import { CORE_MESSAGES } from './core';
import { PLANNER_EXPLANATION_MESSAGES } from './planner-explanations';

/**
 * Every part of the catalogue. A key must be defined in exactly one part (i18n.spec.ts checks it).
 * Keep one part per feature so parallel work on different pages does not edit the same file.
 */
export const MESSAGE_PARTS = [CORE_MESSAGES, PLANNER_EXPLANATION_MESSAGES] as const;
