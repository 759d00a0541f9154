import { DEMO_PASSWORD } from '../seeds/demo/demo-users';
import { DemoLoadSummary } from '../seeds/demo/load-demo-data';
import { addDays } from '../src/calendar/domain/oslo-time';
import { DemoDataLoader } from '../src/demo-data/demo-data.module';
import { SessionsService } from '../src/sessions/sessions.service';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// The demo data as a newcomer meets it on first start: today's plan and twelve months of history, read
// through the API. Loading it is slow (about a million bookings and attendance records), so once.
const TODAY = '2026-11-23'; // a Monday
const YESTERDAY = addDays(TODAY, -1);
const NEXT_WEEK = '2026-W49';

interface Figures {
  prisonerDays: number;
  plannedActiveDays: number;
  realisedActiveDays: number;
  plannedRate: number;
  realisedRate: number;
  nonActiveByReason: Record<'NO_OFFER' | 'SESSION_CANCELLED' | 'ABSENT' | 'NOT_RECORDED' | 'EXCLUDED', number>;
}

describe('demo data: the plan and twelve months of history', () => {
  let t: TestApp;
  let summary: DemoLoadSummary;
  let admin: string;
  let officer: string;
  let osloId: string;

  const signIn = async (username: string) =>
    `Bearer ${(await t.http().post('/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200)).body.accessToken}`;
  const rate = async (query: string): Promise<Figures & { groups: Array<Figures & { key: string; label: string }> }> => {
    const res = await t.http().get(`/activity-rate?${query}`).set('Authorization', admin).expect(200);
    return { ...res.body.total, groups: res.body.groups };
  };

  beforeAll(async () => {
    t = await createTestApp({ now: `${TODAY}T07:00:00` });
    await resetDatabase(t.dataSource);
    // As on first start: the loader, then the session horizon job (which runs right after start-up).
    summary = await t.app.get(DemoDataLoader).load(TODAY);
    await t.app.get(SessionsService).runHorizonJob();
    admin = await signIn('national.admin');
    officer = await signIn('oslo.officer');
    const prisons = await t.http().get('/prisons?pageSize=100').set('Authorization', admin).expect(200);
    osloId = prisons.body.items.find((p: { code: string }) => p.code === 'OSL').id;
  }, 600_000);
  afterAll(() => t.close());

  it('loads allocations, referrals, unavailability, non-associations and a year of sessions, bookings and attendance', async () => {
    expect(summary.skipped).toBe(false);
    expect(summary.allocations).toBeGreaterThan(15_000);
    expect(summary.referrals).toBeGreaterThan(1_000);
    expect(summary.unavailability).toBeGreaterThan(5_000);
    expect(summary.nonAssociations).toBeGreaterThan(60);
    expect(summary.history?.sessions).toBeGreaterThan(100_000);
    expect(summary.history?.cancelledSessions).toBeGreaterThan(1_000);
    expect(summary.history?.bookings).toBeGreaterThan(500_000);
    expect(summary.history?.attendance).toBeGreaterThan(0.8 * (summary.history?.bookings ?? 0));
    // Every session's roster count is its bookings (set directly when the load ran without triggers).
    const [{ wrong }] = await t.dataSource.query<Array<{ wrong: number }>>(
      `SELECT count(*)::int AS wrong FROM "session" s LEFT JOIN (SELECT session_id, count(*)::int AS n FROM booking GROUP BY session_id) b ON b.session_id = s.id
        WHERE s.booked <> coalesce(b.n, 0)`,
    );
    expect(wrong).toBe(0);
  });

  it('answers a national realised rate of about 80% over the last three months, below the plan', async () => {
    const r = await rate(`scope=national&from=${addDays(TODAY, -91)}&to=${YESTERDAY}`);
    expect(r.prisonerDays).toBeGreaterThan(200_000);
    expect(r.realisedRate).toBeGreaterThanOrEqual(0.75);
    expect(r.realisedRate).toBeLessThanOrEqual(0.85);
    expect(r.plannedRate).toBeGreaterThan(r.realisedRate);
    expect(r.plannedRate).toBeLessThan(0.92);
  });

  it('was lower twelve months ago and has risen since', async () => {
    const months = await rate(`scope=national&from=${addDays(TODAY, -364)}&to=${YESTERDAY}&groupBy=month`);
    expect(months.groups.length).toBeGreaterThanOrEqual(12);
    const yearAgo = await rate(`scope=national&from=${addDays(TODAY, -364)}&to=${addDays(TODAY, -336)}`);
    const recent = await rate(`scope=national&from=${addDays(TODAY, -91)}&to=${YESTERDAY}`);
    expect(yearAgo.prisonerDays).toBeGreaterThan(50_000);
    expect(yearAgo.realisedRate).toBeLessThan(recent.realisedRate - 0.02);
    expect(yearAgo.realisedRate).toBeGreaterThan(0.68);
  });

  it('differs from prison to prison (weighted national figure between them)', async () => {
    const r = await rate(`scope=national&from=${addDays(TODAY, -91)}&to=${YESTERDAY}&groupBy=prison`);
    expect(r.groups).toHaveLength(45);
    const rates = r.groups.map((g) => g.realisedRate);
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(0.1);
    expect(r.groups.reduce((n, g) => n + g.prisonerDays, 0)).toBe(r.prisonerDays);
    expect(r.groups.reduce((n, g) => n + g.realisedActiveDays, 0)).toBe(r.realisedActiveDays);
  });

  it('loses days mostly for want of an offer, then to staff cancellations and absence', async () => {
    const r = await rate(`scope=national&from=${addDays(TODAY, -364)}&to=${YESTERDAY}`);
    const lost = r.nonActiveByReason;
    expect(lost.NO_OFFER + lost.SESSION_CANCELLED + lost.ABSENT + lost.NOT_RECORDED + lost.EXCLUDED).toBe(
      r.prisonerDays - r.realisedActiveDays,
    );
    expect(lost.NO_OFFER).toBeGreaterThan(0.5 * (r.prisonerDays - r.realisedActiveDays));
    expect(lost.SESSION_CANCELLED).toBeGreaterThan(0);
    expect(lost.ABSENT).toBeGreaterThan(lost.SESSION_CANCELLED);
    expect(lost.EXCLUDED).toBeGreaterThan(0);
    // Unrecorded attendance only in the last week.
    expect(lost.NOT_RECORDED).toBeGreaterThan(0);
    expect((await rate(`scope=national&from=${addDays(TODAY, -364)}&to=${addDays(TODAY, -8)}`)).nonActiveByReason.NOT_RECORDED).toBe(0);
  });

  it('gives the Oslo officer a realistic week to plan: allocated rosters within capacity, free places, clashes', async () => {
    const res = await t.http().get(`/prisons/${osloId}/weeks/${NEXT_WEEK}/plan`).set('Authorization', officer).expect(200);
    const sessions = res.body.activities.flatMap(
      (a: { sessions: Array<{ capacity: number; allocated: number; free: number; prisoners: unknown[] }> }) => a.sessions,
    );
    expect(res.body.activities.length).toBeGreaterThan(30);
    expect(res.body.totals.allocated).toBeGreaterThan(1000);
    expect(
      sessions.every(
        (s: { capacity: number; allocated: number; prisoners: unknown[] }) =>
          s.allocated <= s.capacity && s.prisoners.length === s.allocated,
      ),
    ).toBe(true);
    expect(sessions.some((s: { free: number }) => s.free > 0)).toBe(true);
    expect(res.body.totals.clashes).toBeGreaterThan(0);
  });

  it('lists the Oslo prisoner-days of next week with no activity: some, but a minority', async () => {
    const res = await t.http().get(`/prisons/${osloId}/weeks/${NEXT_WEEK}/no-activity`).set('Authorization', officer).expect(200);
    expect(res.body.prisonerDays).toBeGreaterThan(1500);
    expect(res.body.days.length).toBeGreaterThan(0);
    expect(res.body.days.length).toBeLessThan(0.4 * res.body.prisonerDays);
    expect(res.body.plannedDays / res.body.prisonerDays).toBeGreaterThan(0.6);
  });
});
