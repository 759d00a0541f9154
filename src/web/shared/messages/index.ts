import { CORE_MESSAGES } from './core';
import { CSV_MESSAGES } from './csv';
import { RULE_MESSAGES } from './rules';

/**
 * Every part of the catalogue. A key must be defined in exactly one part (i18n.spec.ts checks it).
 * Keep one part per feature so parallel work on different pages does not edit the same file.
 */
export const MESSAGE_PARTS = [CORE_MESSAGES, RULE_MESSAGES, CSV_MESSAGES] as const;
