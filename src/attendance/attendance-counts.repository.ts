import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { IsoDate } from '../calendar/domain/oslo-time';

/** How many attendance records each session of a prison's day has (for the day list: what is still unrecorded). */
@Injectable()
export class AttendanceCountsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async recordedBySession(prisonId: string, date: IsoDate): Promise<Map<string, number>> {
    const rows = await this.dataSource.query<Array<{ sessionId: string; n: number }>>(
      `SELECT session_id AS "sessionId", count(*)::int AS n FROM attendance WHERE prison_id = $1 AND date = $2 GROUP BY session_id`,
      [prisonId, date],
    );
    return new Map(rows.map((r) => [r.sessionId, r.n]));
  }
}
