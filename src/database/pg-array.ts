/**
 * A PostgreSQL array as the driver hands it back: already parsed for built-in element types, still the
 * text form (`{a,b}`) for enum arrays, whose type the driver does not know.
 */
export function parsePgArray(value: string[] | string | null): string[] {
  if (value === null) return [];
  return Array.isArray(value)
    ? value
    : value
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter(Boolean);
}
