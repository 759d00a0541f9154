/**
 * One part of the pages' message catalogue: the Norwegian (bokmål) texts and their English
 * translations. The type makes every Norwegian key need an English text (and no extra ones).
 * Add a feature's texts as a new file in this folder and list it in ./index.ts.
 */
export function messages<const NB extends Record<string, string>>(nb: NB, en: { [K in keyof NB]: string }) {
  return { nb, en } as { nb: Record<keyof NB & string, string>; en: Record<keyof NB & string, string> };
}
