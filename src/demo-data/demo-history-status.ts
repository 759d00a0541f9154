import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DemoHistoryBackfillState, readDemoHistoryBackfill } from '../../seeds/demo/backfill-demo-history';

export interface DemoHistoryProgress {
  finished: boolean;
  /** Share of the history's days loaded, 0–100 (whole numbers). */
  percent: number;
}

/**
 * How far the demo history backfill has got, for the dashboards ("history loading, N %") and /health.
 * Read from its progress row (so every replica knows) until it is seen finished, then remembered.
 */
@Injectable()
export class DemoHistoryStatus {
  private known: DemoHistoryProgress | null | undefined;

  constructor(private readonly dataSource: DataSource) {}

  /** null when there is no demo history (no demo data, or a database loaded before backfills existed). */
  async current(): Promise<DemoHistoryProgress | null> {
    if (this.known === undefined || (this.known !== null && !this.known.finished)) return this.refresh();
    return this.known;
  }

  async refresh(): Promise<DemoHistoryProgress | null> {
    const state = await readDemoHistoryBackfill(this.dataSource);
    // No row (yet: the first start writes it while loading the present): ask again next time.
    if (!state) return null;
    return this.set(state);
  }

  set(state: DemoHistoryBackfillState): DemoHistoryProgress {
    const percent = state.daysTotal === 0 ? 100 : Math.floor((100 * state.daysDone) / state.daysTotal);
    this.known = { finished: state.finished, percent: state.finished ? 100 : Math.min(99, percent) };
    return this.known;
  }
}
