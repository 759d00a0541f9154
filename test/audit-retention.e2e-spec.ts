import { AuditRetentionJob } from '../src/audit/audit-retention.job';
import { createTestApp, resetDatabase, TestApp } from './support/test-app';

// The test clock stands at 2026-11-23 10:00 Oslo time (test-app.ts).
async function insertEvents(t: TestApp, count: number, occurredAt: string): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO audit_event (occurred_at, action, method, path, outcome, status_code)
     SELECT $2::timestamptz, 'prisoner.read', 'GET', '/prisoners/x', 'SUCCESS', 200 FROM generate_series(1, $1)`,
    [count, occurredAt],
  );
}

const countBy = async (t: TestApp) =>
  (
    await t.dataSource.query<{ old: number; kept: number }[]>(
      `SELECT count(*) FILTER (WHERE occurred_at < '2025-01-01')::int AS old, count(*) FILTER (WHERE occurred_at >= '2025-01-01')::int AS kept FROM audit_event`,
    )
  )[0];

describe('audit retention: the nightly job deletes events older than AUDIT_RETENTION_DAYS', () => {
  let t: TestApp;
  afterEach(() => t?.close());

  it('deletes every event older than the period, in batches, and keeps the rest', async () => {
    t = await createTestApp({ env: { AUDIT_RETENTION_DAYS: '365' } });
    await resetDatabase(t.dataSource);
    await insertEvents(t, 12_001, '2024-06-01T12:00:00Z'); // more than two batches
    await insertEvents(t, 3, '2025-11-22T22:59:00Z'); // 366 days before the clock's day: gone
    await insertEvents(t, 5, '2025-11-23T12:00:00Z'); // within 365 days: kept
    await insertEvents(t, 7, '2026-11-23T08:00:00Z'); // today: kept
    expect(await countBy(t)).toEqual({ old: 12_001, kept: 15 });

    const deleted = await t.app.get(AuditRetentionJob).run();

    expect(deleted).toBe(12_004);
    expect(await countBy(t)).toEqual({ old: 0, kept: 12 });
    expect(await t.app.get(AuditRetentionJob).run()).toBe(0);
  });

  it('keeps everything when the retention is 0', async () => {
    t = await createTestApp({ env: { AUDIT_RETENTION_DAYS: '0' } });
    await resetDatabase(t.dataSource);
    await insertEvents(t, 10, '2000-01-01T00:00:00Z');
    expect(await t.app.get(AuditRetentionJob).run()).toBe(0);
    expect((await countBy(t)).old).toBe(10);
  });
});
