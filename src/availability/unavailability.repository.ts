import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DayPeriod } from '../activities/activity.enums';
import { IsoDate } from '../calendar/domain/oslo-time';
import { UnavailabilityKind } from './availability.enums';
import { UnavailabilityDto } from './dto/unavailability.dto';

export interface NewUnavailability {
  prisonerId: string;
  kind: UnavailabilityKind;
  fromDate: IsoDate;
  toDate: IsoDate;
  period: DayPeriod | null;
  startTime: string | null;
  endTime: string | null;
  note: string;
  createdByUserId: string;
  createdAt: Date;
}

interface Row {
  id: string;
  prisoner_id: string;
  kind: UnavailabilityKind;
  from_date: string;
  to_date: string;
  period: DayPeriod | null;
  start_time: string | null;
  end_time: string | null;
  note: string;
  created_by_user_id: string | null;
  created_at: Date;
}

const COLUMNS = `id, prisoner_id, kind, to_char(from_date, 'YYYY-MM-DD') AS from_date, to_char(to_date, 'YYYY-MM-DD') AS to_date, period,
  to_char(start_time, 'HH24:MI') AS start_time, to_char(end_time, 'HH24:MI') AS end_time, note, created_by_user_id, created_at`;

@Injectable()
export class UnavailabilityRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(u: NewUnavailability): Promise<UnavailabilityDto> {
    const rows = await this.dataSource.query<Row[]>(
      `INSERT INTO unavailability (prisoner_id, kind, from_date, to_date, period, start_time, end_time, note, created_by_user_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
      [u.prisonerId, u.kind, u.fromDate, u.toDate, u.period, u.startTime, u.endTime, u.note, u.createdByUserId, u.createdAt],
    );
    return toDto(rows[0]);
  }

  /** Entries of a prisoner overlapping [from, to] (either end open), in date order. */
  async findForPrisoner(prisonerId: string, from: IsoDate | undefined, to: IsoDate | undefined): Promise<UnavailabilityDto[]> {
    const rows = await this.dataSource.query<Row[]>(
      `SELECT ${COLUMNS} FROM unavailability
        WHERE prisoner_id = $1 AND ($2::date IS NULL OR to_date >= $2::date) AND ($3::date IS NULL OR from_date <= $3::date)
        ORDER BY from_date, period NULLS FIRST, start_time NULLS FIRST, created_at, id`,
      [prisonerId, from ?? null, to ?? null],
    );
    return rows.map(toDto);
  }

  async findOne(id: string): Promise<UnavailabilityDto | undefined> {
    const rows = await this.dataSource.query<Row[]>(`SELECT ${COLUMNS} FROM unavailability WHERE id = $1`, [id]);
    return rows[0] ? toDto(rows[0]) : undefined;
  }

  async delete(id: string): Promise<boolean> {
    const [rows] = await this.dataSource.query<[Array<{ id: string }>, number]>(`DELETE FROM unavailability WHERE id = $1 RETURNING id`, [
      id,
    ]);
    return rows.length > 0;
  }
}

function toDto(r: Row): UnavailabilityDto {
  return {
    id: r.id,
    prisonerId: r.prisoner_id,
    kind: r.kind,
    fromDate: r.from_date,
    toDate: r.to_date,
    period: r.period,
    startTime: r.start_time,
    endTime: r.end_time,
    note: r.note,
    createdByUserId: r.created_by_user_id,
    createdAt: r.created_at.toISOString(),
  };
}
