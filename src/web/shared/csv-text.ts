import { fileSlug } from '../../common/csv/csv-writer';
import type { RosterCsvText } from '../../teaching/roster.service';
import { codeLabel, Lang, MessageKey, translator } from './i18n';

const SETS = { educationRight: 'eduRight', educationLevel: 'eduLevel', allocationPattern: 'csv.pattern' } as const;

/** A roster CSV's headers and values in the page's language (texts in messages/csv.ts and core.ts). */
export function rosterCsvText(lang: Lang): RosterCsvText {
  const t = translator(lang);
  return {
    header: (column) => t(`csv.roster.${column}` as MessageKey),
    label: (set, code) => codeLabel(lang, SETS[set], code),
    // The file name in the page's language too ("deltakerliste-…-formiddag.csv"), as file-name-safe words.
    fileWord: fileSlug(t('csv.roster.file')).toLowerCase(),
    halfDay: (period) => fileSlug(t(`period.${period}` as MessageKey)).toLowerCase(),
  };
}
