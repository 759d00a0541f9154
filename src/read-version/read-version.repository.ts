import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The cached reads and their versions (migration ReadVersions lists each one's source tables). */
export type ReadVersionName = 'week-plan' | 'activity-rate';

/**
 * Read versions: a number per cached read that changes at the commit of every transaction that wrote one
 * of its source tables (database triggers; see migrations/1795500470000-ReadVersions.ts). Null when unknown.
 */
@Injectable()
export class ReadVersionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async current(name: ReadVersionName): Promise<string | null> {
    const [row] = await this.dataSource.query<Array<{ version: string }>>(`SELECT version FROM read_version WHERE name = $1`, [name]);
    return row?.version ?? null;
  }
}

/**
 * Moves every read version at the commit of the current transaction, for bulk loads that write the source
 * tables with triggers off (session_replication_role = replica), which the source triggers never see.
 */
export const TOUCH_ALL_READ_VERSIONS_SQL = `INSERT INTO read_version_pending (name) SELECT name FROM read_version`;
