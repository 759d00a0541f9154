import { Injectable } from '@nestjs/common';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { IsoDate } from '../calendar/domain/oslo-time';
import { CustodyPeriodDto, CustodySummaryDto, PrisonerDto } from './dto/prisoner.dto';
import { CustodyPeriod } from './entities/custody-period.entity';
import { Prisoner } from './entities/prisoner.entity';
import { LegalStatus } from './prisoner.enums';

export interface PrisonerFilter {
  prisonId?: string;
  /** Limit to these prisons (the caller's scope); undefined = all. */
  prisonIds?: string[];
  unitId?: string;
  legalStatus?: LegalStatus;
  search?: string;
  onDate: IsoDate;
}

interface PrisonerRow {
  id: string;
  prisoner_number: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  legal_status: LegalStatus;
  nationality: string;
  education_level: PrisonerDto['educationLevel'];
  education_right: PrisonerDto['educationRight'];
  custody_period_id: string | null;
  prison_id: string | null;
  prison_name: string | null;
  unit_id: string | null;
  unit_name: string | null;
  unit_security_level: CustodySummaryDto['unitSecurityLevel'] | null;
  from_date: string | null;
  to_date: string | null;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class PrisonersRepository {
  constructor(private readonly dataSource: DataSource) {}

  // Prisoners joined to the custody period that covers the date: held from from_date up to, not including, to_date.
  private heldOn(filter: PrisonerFilter): SelectQueryBuilder<Prisoner> {
    const qb = this.dataSource
      .getRepository(Prisoner)
      .createQueryBuilder('p')
      .innerJoin(
        CustodyPeriod,
        'cp',
        'cp.prisoner_id = p.id AND cp.from_date <= :onDate AND (cp.to_date IS NULL OR cp.to_date > :onDate)',
        {
          onDate: filter.onDate,
        },
      );
    if (filter.prisonId) qb.andWhere('cp.prison_id = :prisonId', { prisonId: filter.prisonId });
    if (filter.prisonIds) qb.andWhere('cp.prison_id = ANY(:prisonIds)', { prisonIds: filter.prisonIds });
    if (filter.unitId) qb.andWhere('cp.unit_id = :unitId', { unitId: filter.unitId });
    if (filter.legalStatus) qb.andWhere('p.legal_status = :legalStatus', { legalStatus: filter.legalStatus });
    if (filter.search) {
      qb.andWhere(
        `(p.first_name || ' ' || p.last_name ILIKE :search OR p.last_name || ', ' || p.first_name ILIKE :search OR p.prisoner_number ILIKE :search)`,
        { search: `%${escapeLike(filter.search)}%` },
      );
    }
    return qb;
  }

  async findHeldPage(filter: PrisonerFilter, offset: number, limit: number): Promise<{ rows: PrisonerDto[]; total: number }> {
    const total = await this.heldOn(filter).getCount();
    const rows = await this.heldOn(filter)
      .innerJoin('prison', 'pr', 'pr.id = cp.prison_id')
      .innerJoin('unit', 'u', 'u.id = cp.unit_id')
      .select(PRISONER_COLUMNS)
      .orderBy('p.last_name', 'ASC')
      .addOrderBy('p.first_name', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .offset(offset)
      .limit(limit)
      .getRawMany<PrisonerRow>();
    return { rows: rows.map(toPrisonerDto), total };
  }

  async findOneWithCustodyOn(id: string, onDate: IsoDate): Promise<PrisonerDto | undefined> {
    const row = await this.dataSource
      .getRepository(Prisoner)
      .createQueryBuilder('p')
      .leftJoin(CustodyPeriod, 'cp', 'cp.prisoner_id = p.id AND cp.from_date <= :onDate AND (cp.to_date IS NULL OR cp.to_date > :onDate)', {
        onDate,
      })
      .leftJoin('prison', 'pr', 'pr.id = cp.prison_id')
      .leftJoin('unit', 'u', 'u.id = cp.unit_id')
      .select(PRISONER_COLUMNS)
      .where('p.id = :id', { id })
      .getRawOne<PrisonerRow>();
    return row ? toPrisonerDto(row) : undefined;
  }

  async prisonExists(id: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM prison WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  /** The prison holding the prisoner on the date, or else the prison of their latest stay. */
  async findResponsiblePrison(prisonerId: string, onDate: IsoDate): Promise<string | undefined> {
    const rows = await this.dataSource.query<Array<{ prison_id: string }>>(
      `SELECT prison_id FROM custody_period WHERE prisoner_id = $1
        ORDER BY (from_date <= $2 AND (to_date IS NULL OR to_date > $2)) DESC, from_date DESC LIMIT 1`,
      [prisonerId, onDate],
    );
    return rows[0]?.prison_id;
  }

  async findCustodyPeriods(prisonerId: string): Promise<CustodyPeriodDto[]> {
    const rows = await this.dataSource.query<
      Array<{
        id: string;
        prison_id: string;
        prison_name: string;
        unit_id: string;
        unit_name: string;
        from_date: string;
        to_date: string | null;
        end_reason: CustodyPeriodDto['endReason'];
      }>
    >(
      `SELECT cp.id, cp.prison_id, pr.name AS prison_name, cp.unit_id, u.name AS unit_name,
              to_char(cp.from_date, 'YYYY-MM-DD') AS from_date, to_char(cp.to_date, 'YYYY-MM-DD') AS to_date, cp.end_reason
         FROM custody_period cp
         JOIN prison pr ON pr.id = cp.prison_id
         JOIN unit u ON u.id = cp.unit_id
        WHERE cp.prisoner_id = $1
        ORDER BY cp.from_date`,
      [prisonerId],
    );
    return rows.map((r) => ({
      id: r.id,
      prisonId: r.prison_id,
      prisonName: r.prison_name,
      unitId: r.unit_id,
      unitName: r.unit_name,
      fromDate: r.from_date,
      toDate: r.to_date,
      endReason: r.end_reason,
    }));
  }
}

const PRISONER_COLUMNS = [
  'p.id AS id',
  'p.prisoner_number AS prisoner_number',
  'p.first_name AS first_name',
  'p.last_name AS last_name',
  "to_char(p.date_of_birth, 'YYYY-MM-DD') AS date_of_birth",
  'p.legal_status AS legal_status',
  'p.nationality AS nationality',
  'p.education_level AS education_level',
  'p.education_right AS education_right',
  'cp.id AS custody_period_id',
  'cp.prison_id AS prison_id',
  'pr.name AS prison_name',
  'cp.unit_id AS unit_id',
  'u.name AS unit_name',
  'u.security_level AS unit_security_level',
  "to_char(cp.from_date, 'YYYY-MM-DD') AS from_date",
  "to_char(cp.to_date, 'YYYY-MM-DD') AS to_date",
];

function toPrisonerDto(r: PrisonerRow): PrisonerDto {
  return {
    id: r.id,
    prisonerNumber: r.prisoner_number,
    firstName: r.first_name,
    lastName: r.last_name,
    dateOfBirth: r.date_of_birth,
    legalStatus: r.legal_status,
    nationality: r.nationality,
    educationLevel: r.education_level,
    educationRight: r.education_right,
    custody: r.custody_period_id
      ? {
          custodyPeriodId: r.custody_period_id,
          prisonId: r.prison_id as string,
          prisonName: r.prison_name as string,
          unitId: r.unit_id as string,
          unitName: r.unit_name as string,
          unitSecurityLevel: r.unit_security_level as CustodySummaryDto['unitSecurityLevel'],
          fromDate: r.from_date as string,
          toDate: r.to_date,
        }
      : null,
  };
}
