import { renderRule, RuleLanguage } from '../../common/messages/render-rule';
import { RuleMessage } from '../../common/messages/rule-message';
import { formatDate, formatDay } from './format';
import { codeLabel, Lang, MessageKey, translator } from './i18n';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function language(lang: Lang): RuleLanguage {
  const t = translator(lang);
  return {
    text: (key) => {
      const full = `rule.${key}` as MessageKey;
      const text = t(full);
      return text === full ? undefined : text;
    },
    date: (iso) => `${formatDay(iso, lang)}${iso.slice(0, 4)}`,
    halfDay: (iso, period) => `${formatDay(iso, lang)} ${codeLabel(lang, 'period.short', period)}`,
    plain: (value) => (ISO_DATE.test(value) ? formatDate(value) : value),
    unknownCode: (value) => value,
  };
}

const LANGUAGES: Record<Lang, RuleLanguage> = { nb: language('nb'), en: language('en') };

/** A rule code with its parameters as a sentence in the page's language (texts in messages/rules.ts). */
export function ruleText(lang: Lang, message: RuleMessage): string {
  return renderRule(message, LANGUAGES[lang]);
}

/** A service's refusal in the page's language: from its code when it has one, else its (English) message. */
export function errorText(lang: Lang, error: { message: string; rule?: RuleMessage }): string {
  return error.rule ? ruleText(lang, error.rule) : error.message;
}
