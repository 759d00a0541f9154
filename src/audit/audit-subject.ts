import { isUuid } from '../common/uuid';

/** The kinds of resource whose prison the audit trail can look up from an id. */
export type AuditSubjectType =
  'prison' | 'prisoner' | 'session' | 'activity' | 'allocation' | 'referral' | 'unavailability' | 'non_association' | 'plan-draft';

export interface AuditSubject {
  type: AuditSubjectType;
  id: string;
}

// The path segment before an id parameter names what the id is ("/sessions/:id" is a session).
const COLLECTIONS: Record<string, AuditSubjectType> = {
  prisons: 'prison',
  prisoners: 'prisoner',
  sessions: 'session',
  activities: 'activity',
  allocations: 'allocation',
  referrals: 'referral',
  unavailability: 'unavailability',
  'non-associations': 'non_association',
  'plan-drafts': 'plan-draft',
  drafts: 'plan-draft',
  // /app/attendance/:id is the attendance form of a session.
  attendance: 'session',
};

/**
 * The resource a route acts on, read from its path pattern and its parameters: the innermost id
 * ("/prisons/:prisonId/weeks/:week/plan-drafts/:id" is the plan draft). Only ids that can name a row.
 */
export function auditSubject(routePath: string, params: Record<string, unknown> | undefined): AuditSubject | undefined {
  const segments = routePath.split('/');
  for (let i = segments.length - 1; i > 0; i--) {
    const seg = segments[i];
    if (!seg.startsWith(':')) continue;
    const type = COLLECTIONS[segments[i - 1]];
    if (!type) continue;
    const id = params?.[seg.slice(1)];
    return isUuid(id) ? { type, id } : undefined;
  }
  return undefined;
}
