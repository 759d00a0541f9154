import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { IsoDate } from '../calendar/domain/oslo-time';
import type { TxSource } from '../database/transaction-host';

export interface NonAssociationRow {
  id: string;
  prisonerAId: string;
  prisonerBId: string;
  reason: string;
  fromDate: IsoDate;
  toDate: IsoDate | null;
  createdByUserId: string | null;
  createdAt: Date;
}

/** A non-association seen from one of its prisoners, with the other prisoner and the prison responsible for them. */
export interface NonAssociationView extends NonAssociationRow {
  prisonerId: string;
  otherPrisonerId: string;
  otherPrisonerNumber: string;
  otherFirstName: string;
  otherLastName: string;
  otherPrisonId: string | null;
  active: boolean;
}

const ROW_COLUMNS = `na.id, na.prisoner_a_id AS "prisonerAId", na.prisoner_b_id AS "prisonerBId", na.reason,
  to_char(na.from_date, 'YYYY-MM-DD') AS "fromDate", to_char(na.to_date, 'YYYY-MM-DD') AS "toDate",
  na.created_by_user_id AS "createdByUserId", na.created_at AS "createdAt"`;

@Injectable()
export class NonAssociationsRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  /** Serialises changes to the pair: concurrent requests for the same two prisoners wait for each other. */
  async lockPair(a: string, b: string): Promise<void> {
    await this.txHost.tx.query(`SELECT id FROM prisoner WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`, [[a, b]]);
  }

  /** An entry for the (ordered) pair whose dates overlap [from, to] (to null = open-ended). */
  async findOverlapping(a: string, b: string, from: IsoDate, to: IsoDate | null): Promise<NonAssociationRow | undefined> {
    const rows = await this.txHost.tx.query<NonAssociationRow[]>(
      `SELECT ${ROW_COLUMNS} FROM non_association na
        WHERE na.prisoner_a_id = $1 AND na.prisoner_b_id = $2
          AND na.from_date <= COALESCE($4::date, 'infinity'::date) AND COALESCE(na.to_date, 'infinity'::date) >= $3::date
        ORDER BY na.from_date LIMIT 1`,
      [a, b, from, to],
    );
    return rows[0];
  }

  async insert(v: Omit<NonAssociationRow, 'id'>): Promise<string> {
    const rows = await this.txHost.tx.query<Array<{ id: string }>>(
      `INSERT INTO non_association (prisoner_a_id, prisoner_b_id, reason, from_date, to_date, created_by_user_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [v.prisonerAId, v.prisonerBId, v.reason, v.fromDate, v.toDate, v.createdByUserId, v.createdAt],
    );
    return rows[0].id;
  }

  async findOne(id: string): Promise<NonAssociationRow | undefined> {
    const rows = await this.txHost.tx.query<NonAssociationRow[]>(`SELECT ${ROW_COLUMNS} FROM non_association na WHERE na.id = $1`, [id]);
    return rows[0];
  }

  /** Entries of a prisoner (or one entry), seen from that prisoner: in force first, then newest first. */
  async findViews(prisonerId: string, today: IsoDate, id?: string): Promise<NonAssociationView[]> {
    return this.txHost.tx.query<NonAssociationView[]>(
      `SELECT ${ROW_COLUMNS}, $1::uuid AS "prisonerId", o.id AS "otherPrisonerId", o.prisoner_number AS "otherPrisonerNumber",
              o.first_name AS "otherFirstName", o.last_name AS "otherLastName", resp.prison_id AS "otherPrisonId",
              (na.from_date <= $2::date AND (na.to_date IS NULL OR na.to_date >= $2::date)) AS active
         FROM non_association na
         JOIN prisoner o ON o.id = CASE WHEN na.prisoner_a_id = $1 THEN na.prisoner_b_id ELSE na.prisoner_a_id END
         -- The prison responsible for the other prisoner: the one holding them today, else their latest stay.
         LEFT JOIN LATERAL (
           SELECT cp.prison_id FROM custody_period cp WHERE cp.prisoner_id = o.id
            ORDER BY (cp.from_date <= $2::date AND (cp.to_date IS NULL OR cp.to_date > $2::date)) DESC, cp.from_date DESC LIMIT 1
         ) resp ON true
        WHERE (na.prisoner_a_id = $1 OR na.prisoner_b_id = $1) AND ($3::uuid IS NULL OR na.id = $3::uuid)
        ORDER BY active DESC, na.from_date DESC, na.created_at DESC, na.id`,
      [prisonerId, today, id ?? null],
    );
  }

  /** Sets the end date unless it would lengthen the entry or end it before it starts. */
  async end(id: string, toDate: IsoDate): Promise<boolean> {
    const [rows] = await this.txHost.tx.query<[Array<{ id: string }>, number]>(
      `UPDATE non_association SET to_date = $2 WHERE id = $1 AND from_date <= $2::date AND (to_date IS NULL OR to_date >= $2::date) RETURNING id`,
      [id, toDate],
    );
    return rows.length > 0;
  }
}
