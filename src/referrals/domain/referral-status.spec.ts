import { ReferralStatus } from '../referral.enums';
import { canMoveReferral, statusesAllowedBefore } from './referral-status';

const { PENDING, APPROVED, DECLINED, ALLOCATED, WITHDRAWN } = ReferralStatus;
const ALL = [PENDING, APPROVED, DECLINED, ALLOCATED, WITHDRAWN];
const ALLOWED = new Set([
  `${PENDING}>${APPROVED}`,
  `${PENDING}>${DECLINED}`,
  `${PENDING}>${WITHDRAWN}`,
  `${APPROVED}>${ALLOCATED}`,
  `${APPROVED}>${WITHDRAWN}`,
]);

describe('referral status machine', () => {
  it.each(ALL.flatMap((from) => ALL.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    expect(canMoveReferral(from, to)).toBe(ALLOWED.has(`${from}>${to}`));
  });

  it('gives the guard of each move', () => {
    expect(statusesAllowedBefore(APPROVED)).toEqual([PENDING]);
    expect(statusesAllowedBefore(DECLINED)).toEqual([PENDING]);
    expect(statusesAllowedBefore(ALLOCATED)).toEqual([APPROVED]);
    expect(statusesAllowedBefore(WITHDRAWN)).toEqual([PENDING, APPROVED]);
    expect(statusesAllowedBefore(PENDING)).toEqual([]);
  });
});
