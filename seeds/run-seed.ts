import 'reflect-metadata';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { refreshPrisonerDaysWith } from '../src/activity-rate/prisoner-days.service';
import { OSLO, osloToday } from '../src/calendar/domain/oslo-time';
import { Clock } from '../src/common/clock';
import { loadConfigFromEnv } from '../src/config/app-config';
import { DatabaseEndpoint } from '../src/database/database-endpoint';
import { runMigrationsLocked } from '../src/database/migration-runner';
import { buildDataSourceOptions } from '../src/database/typeorm-options';
import { loadDemoData } from './demo/load-demo-data';

// `npm run seed`: migrates, then loads the national demo data with its plan and twelve months of history
// into an empty database (DATABASE_URL, or the embedded database), as the first `npm start` does. Does
// nothing when prisons already exist. Sessions from today on come from the session job at the next start.
async function main(): Promise<void> {
  const started = Date.now();
  const endpoint = await DatabaseEndpoint.open(loadConfigFromEnv());
  const dataSource = new DataSource(buildDataSourceOptions(endpoint.url, 1));
  await dataSource.initialize();
  try {
    const applied = await runMigrationsLocked(dataSource);
    if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
    const clock = new Clock();
    let month = '';
    const summary = await loadDemoData(dataSource, {
      today: osloToday(DateTime.now().setZone(OSLO)),
      onProgress: (line) => console.log(line),
      history: {
        refreshPrisonerDays: (em, scope) => refreshPrisonerDaysWith(em, clock, scope),
        onChunk: (c) => {
          if (c.from.slice(0, 7) === month && !c.state.finished) return;
          month = c.from.slice(0, 7);
          console.log(`History: ${month} (${Math.floor((100 * c.state.daysDone) / c.state.daysTotal)} %)…`);
        },
      },
    });
    // The bulk load leaves WAL behind: a checkpoint lets the embedded database recycle it.
    if (endpoint.embedded) await dataSource.query('CHECKPOINT');
    if (summary.skipped) {
      console.log('Demo data not loaded: the database already has prisons.');
    } else {
      const { skipped: _skipped, durationMs, history, timingsMs, ...counts } = summary;
      console.log(`Loaded demo data in ${durationMs} ms:`);
      console.table({ ...counts, ...history });
      console.table(timingsMs);
    }
  } finally {
    await dataSource.destroy();
    await endpoint.embedded?.close();
  }
  console.log(`Done in ${Date.now() - started} ms.`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
