// The pages' message catalogue: Norwegian (bokmål) is the default, English the alternative.
// `{name}` placeholders are filled by t(key, { name }). Every key must exist in both languages
// (the type of `en` enforces it).

import { MESSAGE_PARTS } from './messages';

export type Lang = 'nb' | 'en';
export const LANGS: readonly Lang[] = ['nb', 'en'];
export const DEFAULT_LANG: Lang = 'nb';

type Part = (typeof MESSAGE_PARTS)[number];
export type MessageKey = Part extends infer P ? (P extends { nb: Record<infer K, string> } ? K : never) : never;

function combined(lang: Lang): Record<MessageKey, string> {
  return Object.assign({}, ...MESSAGE_PARTS.map((part) => part[lang])) as Record<MessageKey, string>;
}

const CATALOGUE: Record<Lang, Record<MessageKey, string>> = { nb: combined('nb'), en: combined('en') };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const messages = CATALOGUE[lang];
  return (key, params) => {
    const text = messages[key] ?? key;
    return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
  };
}

/** The label of an enum value (`kind.WORK`), or the value itself when the catalogue has none. */
export function codeLabel(lang: Lang, prefix: string, code: string): string {
  const key = `${prefix}.${code}` as MessageKey;
  return CATALOGUE[lang][key] ?? code;
}

export function asLang(value: unknown): Lang | undefined {
  return LANGS.find((l) => l === value);
}
