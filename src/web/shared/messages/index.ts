import { ADMIN_MESSAGES } from './admin';
import { CORE_MESSAGES } from './core';
import { OPERATIONS_MESSAGES } from './operations';
import { PATH_TO_TARGET_MESSAGES } from './path-to-target';
import { PLANNER_UI_MESSAGES } from './planner-ui';
import { IMPORT_MESSAGES } from './import';
import { CSV_MESSAGES } from './csv';
import { RULE_MESSAGES } from './rules';
import { DAILY_TASKS_MESSAGES } from './daily-tasks';
import { PLANNER_EXPLANATION_MESSAGES } from './planner-explanations';
import { DRAFT_REVIEW_MESSAGES } from './draft-review';
import { UNLOCK_MESSAGES } from './unlock';

/**
 * Every part of the catalogue. A key must be defined in exactly one part (i18n.spec.ts checks it).
 * Keep one part per feature so parallel work on different pages does not edit the same file.
 */
export const MESSAGE_PARTS = [
  CORE_MESSAGES,
  ADMIN_MESSAGES,
  OPERATIONS_MESSAGES,
  PATH_TO_TARGET_MESSAGES,
  PLANNER_UI_MESSAGES,
  IMPORT_MESSAGES,
  CSV_MESSAGES,
  RULE_MESSAGES,
  DAILY_TASKS_MESSAGES,
  PLANNER_EXPLANATION_MESSAGES,
  DRAFT_REVIEW_MESSAGES,
  UNLOCK_MESSAGES,
] as const;
