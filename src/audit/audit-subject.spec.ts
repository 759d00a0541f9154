import { auditSubject } from './audit-subject';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

describe('auditSubject', () => {
  it.each([
    ['/sessions/:id/cancel', { id: A }, { type: 'session', id: A }],
    ['/prisoners/:id/weeks/:week', { id: A, week: '2026-W48' }, { type: 'prisoner', id: A }],
    ['/prisons/:prisonId/weeks/:week/plan-drafts/:id', { prisonId: A, week: '2026-W48', id: B }, { type: 'plan-draft', id: B }],
    ['/prisons/:prisonId/prisoners', { prisonId: A }, { type: 'prison', id: A }],
    ['/app/attendance/:id', { id: A }, { type: 'session', id: A }],
    ['/app/planner/drafts/:id/apply', { id: A }, { type: 'plan-draft', id: A }],
    ['/non-associations/:id/end', { id: A }, { type: 'non_association', id: A }],
  ])('%s → the innermost resource', (path, params, expected) => {
    expect(auditSubject(path, params)).toEqual(expected);
  });

  it.each([
    ['/allocations', {}],
    ['/users/:id', { id: A }],
    ['/sessions/:id', { id: 'nope' }],
    ['/calendar-feeds/:token.ics', { 'token.ics': A }],
  ])('%s has no resource with a prison', (path, params) => {
    expect(auditSubject(path, params)).toBeUndefined();
  });
});
