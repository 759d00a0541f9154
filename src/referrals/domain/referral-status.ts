import { ReferralStatus } from '../referral.enums';

const { PENDING, APPROVED, DECLINED, ALLOCATED, WITHDRAWN } = ReferralStatus;

/** The status machine of a referral: where each status may move to. DECLINED, ALLOCATED and WITHDRAWN are final. */
export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  [PENDING]: [APPROVED, DECLINED, WITHDRAWN],
  [APPROVED]: [ALLOCATED, WITHDRAWN],
  [DECLINED]: [],
  [ALLOCATED]: [],
  [WITHDRAWN]: [],
};

/** Open referrals hold the prisoner's place on the waiting list (at most one per activity). */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = [PENDING, APPROVED];

export function canMoveReferral(from: ReferralStatus, to: ReferralStatus): boolean {
  return REFERRAL_TRANSITIONS[from].includes(to);
}

/** The statuses a referral may be in for a move to `to`: the guard of the conditional UPDATE. */
export function statusesAllowedBefore(to: ReferralStatus): ReferralStatus[] {
  return (Object.keys(REFERRAL_TRANSITIONS) as ReferralStatus[]).filter((from) => canMoveReferral(from, to));
}
