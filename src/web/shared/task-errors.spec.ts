import type { SuitabilityCheck } from '../../allocations/domain/suitability';
import { RuleBrokenError } from '../../common/errors/domain-errors';
import { ruleMessage, RuleCode } from '../../common/messages/rule-message';
import { translator } from './i18n';
import { refusalText } from './task-errors';
import type { WebContext } from './web-context';

// A refused allocation at the top of a page (e.g. "allocate from the waiting list"): the refusal and the failed
// checks are two sentences, not "… og 12 til Sjekker som ikke er bestått: …" run together.
describe('refusalText', () => {
  const ctx = (lang: 'nb' | 'en'): WebContext => ({ lang, t: translator(lang), principal: undefined, csrf: '', url: '/app/referrals' });
  const refused = new RuleBrokenError(ruleMessage(RuleCode.ALLOCATION_REFUSED, { checks: [ruleMessage(RuleCode.ALLOCATION_CLASH_NONE)] }), {
    failedChecks: [
      { code: 'CAPACITY', passed: false },
      { code: 'REFERRAL', passed: false },
    ] as unknown as SuitabilityCheck[],
  });

  it('ends the refusal before the failed checks', () => {
    expect(refusalText(ctx('nb'), refused)).toMatch(/^Kan ikke tildele: [^.]*\. Sjekker som ikke er bestått: [^,]+, Henvisning$/);
    expect(refusalText(ctx('en'), refused)).toMatch(/^Cannot allocate: [^.]*\. Checks not passed: [^,]+, Referral$/);
  });
});
