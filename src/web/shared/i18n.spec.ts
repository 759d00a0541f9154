import { MESSAGE_PARTS } from './messages';
import { LANGS, translator } from './i18n';

describe('message catalogue', () => {
  const parts = MESSAGE_PARTS as readonly { nb: Record<string, string>; en: Record<string, string> }[];

  it('defines each key in exactly one part', () => {
    const seen = new Map<string, number>();
    for (const part of parts) for (const key of Object.keys(part.nb)) seen.set(key, (seen.get(key) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([key]) => key)).toEqual([]);
  });

  it('has a non-empty text in every language for every key, with the same placeholders', () => {
    const problems: string[] = [];
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const part of parts) {
      for (const key of Object.keys(part.nb)) {
        for (const lang of LANGS) {
          const text = part[lang][key];
          if (typeof text !== 'string' || text.trim() === '') problems.push(`${lang} ${key}: missing`);
          else if (placeholders(text).join() !== placeholders(part.nb[key]).join()) problems.push(`${lang} ${key}: placeholders differ`);
        }
      }
      expect(Object.keys(part.en).sort()).toEqual(Object.keys(part.nb).sort());
    }
    expect(problems).toEqual([]);
  });

  it('fills placeholders', () => {
    expect(translator('en')('app.signedInAs', { user: 'kari' })).toBe('Signed in as kari');
    expect(translator('nb')('app.signedInAs', { user: 'kari' })).toBe('Innlogget som kari');
  });
});
