/**
 * A prisoner number names one person whatever its case: every entry point stores and looks it up
 * trimmed and in upper case (`osl-1 ` is `OSL-1`), and the database refuses any other form
 * (check `prisoner_number_normalised`).
 */
export function normalisePrisonerNumber(value: string): string {
  return value.trim().toUpperCase();
}

/** The class-transformer step of a DTO field holding a prisoner number (or a list of them). */
export const toPrisonerNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? normalisePrisonerNumber(value)
    : Array.isArray(value)
      ? value.map((v) => (typeof v === 'string' ? normalisePrisonerNumber(v) : v))
      : value;
