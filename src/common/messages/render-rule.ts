import { isRuleMessage, MessageItem, MessageParam, RuleMessage } from './rule-message';

/** What a language brings to render rule messages: its texts (keys without `rule.`) and date formats. */
export interface RuleLanguage {
  /** 'REFERRAL_MISSING', 'item.full', 'level.LOW', 'leaving.RELEASED', 'join.or', 'more', … */
  text(key: string): string | undefined;
  /** A whole date: 'Tue 24 Nov 2026' / '24.11.2026'. */
  date(iso: string): string;
  /** A half-day: 'Tue 24 Nov AM' / 'tirsdag 24.11. formiddag'. */
  halfDay(iso: string, period: string): string;
  /** Any other text parameter (the pages write ISO dates their way; the API keeps them). */
  plain(value: string): string;
  /** A code of a set with no text for it (data from elsewhere): shown as readable as possible. */
  unknownCode(value: string): string;
}

// How a parameter is shown depends on its name, the same for every code.
const DATE_PARAMS = new Set(['date', 'start', 'arrival', 'leaves', 'lastDay']);
/** Parameters whose values are codes of a known set, shown through `<set>.<CODE>`. */
const LABEL_PARAMS: Record<string, string> = {
  level: 'level',
  levels: 'level',
  statuses: 'status',
  leaving: 'leaving',
  kind: 'unavailable',
  kinds: 'unavailable',
  cancellation: 'cancel',
  when: 'when',
  constraint: 'constraint',
};
/** Lists joined by a word (`join.<name>`) instead of "a, b, c and 4 more". */
const LIST_JOIN: Record<string, string> = {
  levels: 'join.or',
  statuses: 'join.slash',
  checks: 'join.semicolon',
  kinds: 'join.comma',
  changes: 'join.semicolon',
  names: 'join.semicolon',
};
const LIST_MAX = 4;

export function renderRule(message: RuleMessage, lang: RuleLanguage): string {
  return fill(textFor(message.rule, message.params, lang) ?? message.rule, message.params, lang);
}

/** One item that names its own text (`{ part: 'change.CAPACITY', count: 2 }`). */
export function renderPart(item: MessageItem & { part: string }, lang: RuleLanguage): string {
  return param('part', item, lang);
}

/** The text of a key, or its `.one` form when the parameters count exactly one. */
function textFor(key: string, params: MessageItem, lang: RuleLanguage): string | undefined {
  return (params.count === 1 ? lang.text(`${key}.one`) : undefined) ?? lang.text(key);
}

function fill(template: string, params: MessageItem, lang: RuleLanguage): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => {
    const value = name === 'halfDay' || name === 'what' ? derived(name, params, lang) : params[name];
    return value === undefined ? m : param(name, value, lang);
  });
}

/** `halfDay` from an item's date and period; `what` from an unavailability's description or kind. */
function derived(name: string, item: MessageItem, lang: RuleLanguage): string | undefined {
  if (name === 'halfDay') return typeof item.date === 'string' ? lang.halfDay(item.date, String(item.period ?? '')) : undefined;
  const description = item.description;
  if (typeof description === 'string' && description.trim() !== '') return description;
  return typeof item.kind === 'string' ? label('kind', item.kind, lang) : undefined;
}

function param(name: string, value: MessageParam, lang: RuleLanguage): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (DATE_PARAMS.has(name)) return lang.date(value);
    if (name in LABEL_PARAMS) return label(name, value, lang);
    return lang.plain(value);
  }
  if (Array.isArray(value)) return list(name, value as readonly MessageParam[], lang);
  if (isRuleMessage(value)) return renderRule(value, lang);
  const item = value as MessageItem;
  // An item names its own text (`part`), or is shown with the list's `item.<name>` text.
  const template = textFor(typeof item.part === 'string' ? item.part : `item.${name}`, item, lang);
  return template === undefined ? JSON.stringify(item) : fill(template, item, lang);
}

function label(name: string, code: string, lang: RuleLanguage): string {
  return lang.text(`${LABEL_PARAMS[name]}.${code}`) ?? lang.unknownCode(code);
}

function list(name: string, values: readonly MessageParam[], lang: RuleLanguage): string {
  const items = values.map((v) => param(name, v, lang));
  const join = LIST_JOIN[name];
  if (join) return items.join(lang.text(join) ?? ', ');
  if (items.length <= LIST_MAX) return items.join(', ');
  const more = lang.text('more') ?? '{list} +{count}';
  return fill(more, { list: items.slice(0, LIST_MAX).join(', '), count: items.length - LIST_MAX }, lang);
}
