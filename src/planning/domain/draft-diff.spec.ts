import { englishPart } from '../../common/messages/english-rule';
import {
  allocationChanges,
  changeKey,
  choosePart,
  currentPlan,
  effectivePlan,
  patternFor,
  plannedActiveDays,
  planWith,
  sessionDiff,
} from './draft-diff';
import { describeInputChanges } from './input-changes';
import type { DraftInput } from './week-input';

const DAYS = ['2026-11-30', '2026-12-01', '2026-12-02'];

// Workshop W runs AM and PM Mon–Wed, school S PM Mon–Wed; W's Wednesday PM is cancelled.
function input(overrides: Partial<DraftInput> = {}): DraftInput {
  const sessions = DAYS.flatMap((date, i) => [
    { id: `w-am-${i}`, activityId: 'W', date, period: 'AM' as const, capacity: 2, cancelled: false, staffPresent: true },
    { id: `w-pm-${i}`, activityId: 'W', date, period: 'PM' as const, capacity: 2, cancelled: i === 2, staffPresent: i !== 2 },
    { id: `s-pm-${i}`, activityId: 'S', date, period: 'PM' as const, capacity: 2, cancelled: false, staffPresent: true },
  ]);
  return {
    prisonId: 'P',
    isoWeek: '2026-W49',
    days: DAYS,
    sessions,
    prisoners: [
      { id: 'p1', custodyDays: DAYS, eligibleActivityIds: ['S', 'W'] },
      { id: 'p2', custodyDays: DAYS.slice(1), eligibleActivityIds: ['S', 'W'] },
    ],
    currentAllocations: { p1: ['w-am-0', 'w-am-1', 'w-am-2', 'w-pm-0', 'w-pm-1', 'w-pm-2'] },
    locks: [],
    lockedAllocations: [],
    ...overrides,
  };
}

const a = (prisonerId: string, ...sessionIds: string[]) => sessionIds.map((sessionId) => ({ prisonerId, sessionId }));

describe('draft diff', () => {
  it('lists per prisoner the sessions added, removed and moved within a half-day', () => {
    const i = input();
    const after = effectivePlan(i, [...a('p1', 'w-am-0', 'w-am-1', 'w-am-2', 's-pm-0', 's-pm-1'), ...a('p2', 'w-pm-1', 's-pm-2')]);
    expect(sessionDiff(i, currentPlan(i), after)).toEqual([
      {
        prisonerId: 'p1',
        added: [],
        // The cancelled Wednesday PM booking stays (a one-off); see below.
        removed: [],
        moved: [
          { fromSessionId: 'w-pm-0', toSessionId: 's-pm-0' },
          { fromSessionId: 'w-pm-1', toSessionId: 's-pm-1' },
        ],
      },
      { prisonerId: 'p2', added: ['w-pm-1', 's-pm-2'], removed: [], moved: [] },
    ]);
  });

  it('derives the new patterns against the running sessions of the prisoner’s days, and leaves unchanged allocations alone', () => {
    const i = input();
    const after = effectivePlan(i, [
      ...a('p1', 'w-am-0', 'w-am-1', 'w-am-2', 's-pm-0', 's-pm-1', 's-pm-2'),
      ...a('p2', 'w-am-1', 'w-am-2', 'w-pm-1'),
    ]);
    const changes = allocationChanges(i, currentPlan(i), after);
    expect(changes.map((c) => [c.prisonerId, c.activityId, c.fromDate, c.pattern, c.chosenSlots])).toEqual([
      // p1 keeps W's mornings (W's Wednesday PM is cancelled, so AM_ONLY is all W mornings), and takes every school afternoon.
      ['p1', 'S', '2026-11-30', 'ALL', null],
      ['p1', 'W', '2026-11-30', 'AM_ONLY', null],
      // p2 arrives Tuesday: Tuesday AM+PM, Wednesday AM is all W runs on their days → ALL.
      ['p2', 'W', '2026-12-01', 'ALL', null],
    ]);
    expect(
      patternFor(
        [i.sessions.find((s) => s.id === 'w-pm-1')!],
        i.sessions.filter((s) => s.activityId === 'W'),
      ),
    ).toEqual({
      pattern: 'CHOSEN',
      chosenSlots: [{ weekday: 2, period: 'PM' }],
    });
  });

  it('a prisoner leaving an activity gets a change with no pattern', () => {
    const i = input();
    const changes = allocationChanges(i, currentPlan(i), effectivePlan(i, a('p1', 's-pm-0')));
    expect(changes).toEqual([
      expect.objectContaining({ prisonerId: 'p1', activityId: 'S', pattern: 'CHOSEN', chosenSlots: [{ weekday: 1, period: 'PM' }] }),
      expect.objectContaining({ prisonerId: 'p1', activityId: 'W', pattern: null, chosenSlots: null, proposedSessionIds: [] }),
    ]);
  });

  it('keeps bookings let go only for a one-off reason (unavailable, cancelled), so the allocation does not change for them', () => {
    const i = input({
      prisoners: [{ id: 'p1', custodyDays: DAYS, unavailable: [{ date: '2026-12-01', period: 'AM' }], eligibleActivityIds: ['S', 'W'] }],
    });
    // The engine drops Tuesday AM (court) and the cancelled Wednesday PM.
    const after = effectivePlan(i, a('p1', 'w-am-0', 'w-am-2', 'w-pm-0', 'w-pm-1'));
    expect(after.get('p1')).toEqual(currentPlan(i).get('p1'));
    expect(sessionDiff(i, currentPlan(i), after)).toEqual([]);
    expect(allocationChanges(i, currentPlan(i), after)).toEqual([]);
    // Moved to school on Monday afternoon, p1 keeps the workshop's mornings: AM_ONLY, the court morning included.
    const moved = effectivePlan(i, a('p1', 'w-am-0', 'w-am-2', 's-pm-0', 's-pm-1', 's-pm-2'));
    expect(allocationChanges(i, currentPlan(i), moved).map((c) => [c.activityId, c.pattern, c.proposedSessionIds])).toEqual([
      ['S', 'ALL', ['s-pm-0', 's-pm-1', 's-pm-2']],
      ['W', 'AM_ONLY', ['w-am-0', 'w-am-1', 'w-am-2']],
    ]);
  });

  it('never changes a locked allocation: its sessions stay and proposals on them or their half-days are dropped', () => {
    const i = input({ locks: a('p1', 'w-am-0'), lockedAllocations: [{ prisonerId: 'p2', activityId: 'S' }] });
    // The engine dropped p1's workshop (say the lock was in conflict) for school on Monday PM.
    const after = effectivePlan(i, [...a('p1', 'w-am-0', 's-pm-0'), ...a('p2', 's-pm-1', 'w-am-1')]);
    expect(after.get('p1')).toEqual(['w-am-0', 'w-am-1', 'w-am-2', 'w-pm-0', 'w-pm-1', 'w-pm-2']);
    expect(after.get('p2')).toEqual(['w-am-1']);
  });

  it('counts active days the prisoner can attend: a running session, while held, not on a half-day they are unavailable', () => {
    const i = input({
      prisoners: [
        { id: 'p1', custodyDays: DAYS, eligibleActivityIds: ['S', 'W'] },
        { id: 'p2', custodyDays: DAYS.slice(1), unavailable: [{ date: '2026-12-02', period: 'AM' }], eligibleActivityIds: ['S', 'W'] },
      ],
    });
    // p1: Mon, Tue active; Wednesday only the cancelled W PM session → not active.
    expect(plannedActiveDays(i, new Map([['p1', ['w-pm-0', 'w-am-1', 'w-pm-1', 'w-pm-2']]]))).toBe(2);
    // p2 is not held on Monday, and away on Wednesday morning.
    expect(plannedActiveDays(i, new Map([['p2', ['w-am-0', 's-pm-1', 'w-am-2']]]))).toBe(1);
  });
});

describe('describeInputChanges', () => {
  it('says what moved between the draft’s input and the data now', () => {
    const before = input();
    const after = input({
      sessions: before.sessions
        .filter((s) => s.id !== 's-pm-2')
        .map((s) => (s.id === 'w-am-0' ? { ...s, capacity: 3 } : s.id === 'w-am-1' ? { ...s, cancelled: true } : s)),
      prisoners: [...before.prisoners, { id: 'p3', custodyDays: DAYS, eligibleActivityIds: ['W'] }],
      currentAllocations: { p1: ['w-am-0'] },
    });
    const c = describeInputChanges(before, after);
    expect(c).toMatchObject({
      sessionsAdded: [],
      sessionsRemoved: ['s-pm-2'],
      capacityChanged: [{ sessionId: 'w-am-0', before: 2, after: 3 }],
      cancelled: ['w-am-1'],
      prisonersArrived: ['p3'],
      prisonersLeft: [],
      bookingsChanged: [{ prisonerId: 'p1', added: [], removed: ['w-am-1', 'w-am-2', 'w-pm-0', 'w-pm-1', 'w-pm-2'] }],
      locksChanged: false,
    });
    // Codes with counts; the API's English for them (pinned here) is built in one place.
    expect(c.summary.map(englishPart)).toEqual([
      '1 session removed',
      'capacity changed on 1 session',
      '1 session cancelled',
      '1 prisoner arrived',
      'bookings changed for 1 prisoner',
    ]);
    expect(describeInputChanges(before, input()).summary).toEqual([]);
  });

  describe('a part of the draft', () => {
    // p1 moves from W's afternoons to the school's (two changes sharing half-days); p2 joins W.
    const i = input();
    const before = currentPlan(i);
    const after = effectivePlan(i, [...a('p1', 'w-am-0', 'w-am-1', 'w-am-2', 's-pm-0', 's-pm-1'), ...a('p2', 'w-am-1', 'w-am-2')]);
    const changes = allocationChanges(i, before, after);
    const keys = (list: typeof changes) => list.map(changeKey);
    const unit = (pid: string) => (pid === 'p1' ? 'U1' : 'U2');

    it('takes along the same prisoner’s changes that free or take one of their half-days, not other prisoners’', () => {
      expect(keys(changes)).toEqual(['p1|S', 'p1|W', 'p2|W']);
      expect(keys(choosePart(i, changes, { activityIds: ['S'] }, unit, new Set()))).toEqual(['p1|S', 'p1|W']);
      expect(keys(choosePart(i, changes, { unitIds: ['U2'] }, unit, new Set()))).toEqual(['p2|W']);
      expect(keys(choosePart(i, changes, { activityIds: ['W'], unitIds: ['U2'] }, unit, new Set()))).toEqual(['p2|W']);
      expect(keys(choosePart(i, changes, { activityIds: ['W'] }, unit, new Set()))).toEqual(['p1|S', 'p1|W', 'p2|W']);
    });

    it('leaves out what is applied already; no choice is everything left', () => {
      expect(keys(choosePart(i, changes, null, unit, new Set(['p2|W'])))).toEqual(['p1|S', 'p1|W']);
      expect(choosePart(i, changes, { unitIds: ['U2'] }, unit, new Set(['p2|W']))).toEqual([]);
    });

    it('takes along another prisoner’s move out of a session the part fills beyond its places, or where they must be kept apart', () => {
      // W's mornings have one place: p1 leaves them for the school's afternoons, p2 takes them.
      const tight = input({
        sessions: input().sessions.map((x) => (x.activityId === 'W' && x.period === 'AM' ? { ...x, capacity: 1 } : x)),
        currentAllocations: { p1: ['w-am-1', 'w-am-2'] },
      });
      const swap = allocationChanges(
        tight,
        currentPlan(tight),
        effectivePlan(tight, [...a('p1', 's-pm-1', 's-pm-2'), ...a('p2', 'w-am-1', 'w-am-2')]),
      );
      expect(keys(swap)).toEqual(['p1|S', 'p1|W', 'p2|W']);
      // p2's unit alone would fill W beyond its place: p1's move out comes with it (not p1's afternoons in S, another half-day).
      expect(keys(choosePart(tight, swap, { unitIds: ['U2'] }, unit, new Set()))).toEqual(['p1|W', 'p2|W']);
      const part = planWith(tight, currentPlan(tight), choosePart(tight, swap, { unitIds: ['U2'] }, unit, new Set()));
      expect(part.get('p2')).toEqual(['w-am-1', 'w-am-2']);
      // With two places there is room for both: p2's part is p2's change only…
      const roomy = { ...tight, sessions: input().sessions };
      const both = allocationChanges(
        roomy,
        currentPlan(roomy),
        effectivePlan(roomy, [...a('p1', 's-pm-1', 's-pm-2'), ...a('p2', 'w-am-1', 'w-am-2')]),
      );
      expect(keys(choosePart(roomy, both, { unitIds: ['U2'] }, unit, new Set()))).toEqual(['p2|W']);
      // …unless p1 and p2 must be kept apart: then p1 leaving W is needed whatever the places.
      const apart = { ...roomy, nonAssociations: [['p1', 'p2'] as const] };
      expect(keys(choosePart(apart, both, { unitIds: ['U2'] }, unit, new Set()))).toEqual(['p1|W', 'p2|W']);
      // A move out already applied is not taken again.
      expect(keys(choosePart(tight, swap, { unitIds: ['U2'] }, unit, new Set(['p1|W', 'p1|S'])))).toEqual(['p2|W']);
    });

    it('the plan with a part applied has only that part’s changes; with every change it is the whole plan', () => {
      const part = planWith(i, before, choosePart(i, changes, { unitIds: ['U2'] }, unit, new Set()));
      expect(part.get('p1')).toEqual(before.get('p1'));
      expect(part.get('p2')).toEqual(after.get('p2'));
      expect(planWith(i, before, changes)).toEqual(after);
    });
  });
});
