import { DataSource, EntityManager } from 'typeorm';
import { addDays } from '../../src/calendar/domain/oslo-time';
import { dayOf, weekdayOf } from './day-numbers';
import { DemoHistoryOptions, loadDemoHistory } from './load-demo-history';

// The demo history in the background: the first start loads the present (organisation, people, plan)
// and records here which history is owed; the twelve months are then loaded one weekday at a time,
// newest first, each in its own short transaction. On the embedded database every statement holds the
// one connection, so small chunks are what keeps the app answering while it fills (docs/demo-data.md).
// The progress row makes it resumable (a stopped app carries on at the next start) and readable (the
// dashboards say "history loading, N %").

export interface DemoHistoryBackfillState {
  seed: number;
  /** The day the demo data was built around: the history runs to the day before. */
  today: string;
  historyFrom: string;
  /** The newest day still to load (the backfill goes backwards); null when done. */
  nextDay: string | null;
  daysTotal: number;
  daysDone: number;
  finished: boolean;
}

export interface BackfillChunk {
  from: string;
  to: string;
  sessions: number;
  cancelledSessions: number;
  bookings: number;
  attendance: number;
  /** Where the chunk's time went (each statement), to see the longest one the app waited for. */
  timingsMs: Record<string, number>;
  state: DemoHistoryBackfillState;
}

export interface BackfillOptions extends Pick<DemoHistoryOptions, 'refreshPrisonerDays'> {
  /** Weekdays per chunk (each chunk is one transaction). Default 1. */
  weekdaysPerChunk?: number;
  /** Called after every chunk (progress lines, the status the dashboards read). */
  onChunk?: (chunk: BackfillChunk) => void;
  /** Pause between chunks, so that waiting requests get the connection first. Default 0 (just yield). */
  pauseMs?: number;
  /**
   * A CHECKPOINT after every this many chunks (default: never). The embedded database checkpoints only
   * when asked, so without it the WAL of the whole load piles up in its data directory until the end.
   */
  checkpointEveryChunks?: number;
}

export interface BackfillTotals {
  chunks: number;
  sessions: number;
  cancelledSessions: number;
  bookings: number;
  attendance: number;
}

// Refresh the planner's statistics now and then while the tables grow (no autovacuum on PGlite).
const ANALYZE_EVERY_CHUNKS = 40;
const GROWING_TABLES = ['"session"', 'booking', 'attendance', 'prisoner_day', 'prison_day_rate'];

const daysBetween = (from: string, to: string) => dayOf(to) - dayOf(from) + 1;

/** Records the history owed for a fresh load (in the load's transaction). */
export async function recordDemoHistoryBackfill(em: EntityManager, p: { seed: number; today: string; historyFrom: string }): Promise<void> {
  const last = addDays(p.today, -1);
  const total = Math.max(0, daysBetween(p.historyFrom, last));
  await em.query(
    `INSERT INTO demo_history_backfill (id, seed, today, history_from, next_day, days_total, days_done, finished_at)
     VALUES (1, $1, $2, $3, $4, $5, 0, $6)`,
    [p.seed, p.today, p.historyFrom, total > 0 ? last : null, total, total > 0 ? null : new Date()],
  );
}

export async function readDemoHistoryBackfill(em: EntityManager | DataSource, lock = false): Promise<DemoHistoryBackfillState | null> {
  const rows = await em.query<
    Array<{ seed: number; today: string; history_from: string; next_day: string | null; days_total: number; days_done: number }>
  >(
    `SELECT seed, to_char(today, 'YYYY-MM-DD') AS today, to_char(history_from, 'YYYY-MM-DD') AS history_from,
            to_char(next_day, 'YYYY-MM-DD') AS next_day, days_total, days_done
       FROM demo_history_backfill WHERE id = 1 ${lock ? 'FOR UPDATE' : ''}`,
  );
  if (rows.length === 0) return null;
  const r = rows[0];
  return {
    seed: r.seed,
    today: r.today,
    historyFrom: r.history_from,
    nextDay: r.next_day,
    daysTotal: r.days_total,
    daysDone: r.days_done,
    finished: r.next_day === null,
  };
}

/** The oldest day of the chunk that ends on `to`: back to its `weekdays`-th weekday (weekend days ride along). */
export function chunkStart(to: string, historyFrom: string, weekdays: number): string {
  let from = to;
  let seen = weekdayOf(dayOf(to)) <= 5 ? 1 : 0;
  while (from > historyFrom) {
    const prev = addDays(from, -1);
    const isWeekday = weekdayOf(dayOf(prev)) <= 5;
    if (isWeekday && seen >= weekdays) break;
    from = prev;
    if (isWeekday) seen++;
  }
  return from;
}

/**
 * Loads the next chunk of the owed history in one transaction (the progress row locked, so replicas
 * never load the same days twice). Returns null when nothing is owed.
 */
export async function backfillDemoHistoryChunk(dataSource: DataSource, options: BackfillOptions): Promise<BackfillChunk | null> {
  return dataSource.transaction(async (em) => {
    const state = await readDemoHistoryBackfill(em, true);
    if (!state || state.nextDay === null) return null;
    const to = state.nextDay;
    const from = chunkStart(to, state.historyFrom, options.weekdaysPerChunk ?? 1);
    const loaded = await loadDemoHistory(em, {
      from: state.historyFrom,
      today: state.today,
      seed: state.seed,
      days: { from, to },
      refreshPrisonerDays: options.refreshPrisonerDays,
    });
    const nextDay = from > state.historyFrom ? addDays(from, -1) : null;
    await em.query(
      `UPDATE demo_history_backfill SET next_day = $1, days_done = days_done + $2, finished_at = CASE WHEN $1::date IS NULL THEN now() END WHERE id = 1`,
      [nextDay, daysBetween(from, to)],
    );
    return {
      from,
      to,
      sessions: loaded.sessions,
      cancelledSessions: loaded.cancelledSessions,
      bookings: loaded.bookings,
      attendance: loaded.attendance,
      timingsMs: loaded.timingsMs,
      state: { ...state, nextDay, daysDone: state.daysDone + daysBetween(from, to), finished: nextDay === null },
    };
  });
}

/** Loads every owed chunk, one transaction each, yielding the connection between them. */
export async function backfillDemoHistory(dataSource: DataSource, options: BackfillOptions): Promise<BackfillTotals> {
  const totals: BackfillTotals = { chunks: 0, sessions: 0, cancelledSessions: 0, bookings: 0, attendance: 0 };
  for (;;) {
    const chunk = await backfillDemoHistoryChunk(dataSource, options);
    if (!chunk) break;
    totals.chunks++;
    totals.sessions += chunk.sessions;
    totals.cancelledSessions += chunk.cancelledSessions;
    totals.bookings += chunk.bookings;
    totals.attendance += chunk.attendance;
    options.onChunk?.(chunk);
    // One piece of upkeep per chunk at most, so that waiting requests never sit behind two: a chunk that
    // analyzes skips its checkpoint (the next one comes ten chunks later).
    if (chunk.state.finished || totals.chunks % ANALYZE_EVERY_CHUNKS === 0) await analyzeGrowingTables(dataSource);
    else if (options.checkpointEveryChunks && totals.chunks % options.checkpointEveryChunks === 0) await dataSource.query('CHECKPOINT');
    await new Promise((resolve) => setTimeout(resolve, options.pauseMs ?? 0));
  }
  return totals;
}

/** One statement per table: each stays short, so requests wait for one at most. */
export async function analyzeGrowingTables(dataSource: DataSource): Promise<void> {
  for (const table of GROWING_TABLES) await dataSource.query(`ANALYZE ${table}`);
}
