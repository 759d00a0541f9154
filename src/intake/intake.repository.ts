import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { PopulationWrites, StoredPrisoner } from './domain/population-plan';
import type { TxSource } from '../database/transaction-host';

interface StoredRow {
  id: string;
  prisoner_number: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  legal_status: StoredPrisoner['legalStatus'];
  nationality: string;
  education_level: StoredPrisoner['educationLevel'];
  education_right: StoredPrisoner['educationRight'];
  period_id: string | null;
  prison_id: string | null;
  unit_id: string | null;
  from_date: string | null;
  to_date: string | null;
  previous_end: string | null;
}

/** The SQL of population intake: what is stored for a prison's file, and the set-based writes of an apply. */
@Injectable()
export class IntakeRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  async prisonExists(prisonId: string): Promise<boolean> {
    return (await this.txHost.tx.query<unknown[]>(`SELECT 1 FROM prison WHERE id = $1`, [prisonId])).length > 0;
  }

  /**
   * One import of a prison at a time: the row lock on the prison, till the transaction ends. FOR NO KEY UPDATE,
   * not FOR UPDATE: the import goes on to lock prisoners (applyPopulation), and an allocation or a transfer holding
   * one of them writes rows that refer to the prison (a foreign key check, FOR KEY SHARE), which FOR UPDATE
   * would make wait for the import — a deadlock.
   */
  async lockPrison(prisonId: string): Promise<void> {
    await this.txHost.tx.query(`SELECT 1 FROM prison WHERE id = $1 FOR NO KEY UPDATE`, [prisonId]);
  }

  async findUnits(prisonId: string): Promise<Array<{ id: string; name: string }>> {
    return this.txHost.tx.query(`SELECT id, name FROM unit WHERE prison_id = $1`, [prisonId]);
  }

  /** Everyone held at the prison on `today` (or later), and everyone with one of the numbers; with their latest stay. */
  async findStored(prisonId: string | null, numbers: string[], today: string): Promise<StoredPrisoner[]> {
    const rows = await this.txHost.tx.query<StoredRow[]>(
      `WITH candidate AS (
         SELECT id FROM prisoner WHERE prisoner_number = ANY($2::text[])
         UNION
         SELECT prisoner_id FROM custody_period WHERE prison_id = $1::uuid AND (to_date IS NULL OR to_date > $3::date)
       )
       SELECT p.id, p.prisoner_number, p.first_name, p.last_name, to_char(p.date_of_birth, 'YYYY-MM-DD') AS date_of_birth,
              p.legal_status, p.nationality, p.education_level, p.education_right,
              s.id AS period_id, s.prison_id, s.unit_id, to_char(s.from_date, 'YYYY-MM-DD') AS from_date,
              to_char(s.to_date, 'YYYY-MM-DD') AS to_date,
              (SELECT to_char(max(o.to_date), 'YYYY-MM-DD') FROM custody_period o WHERE o.prisoner_id = p.id AND o.id <> s.id) AS previous_end
         FROM candidate c
         JOIN prisoner p ON p.id = c.id
         LEFT JOIN LATERAL (SELECT * FROM custody_period cp WHERE cp.prisoner_id = p.id ORDER BY cp.from_date DESC LIMIT 1) s ON true`,
      [prisonId, numbers, today],
    );
    return rows.map((r) => ({
      id: r.id,
      prisonerNumber: r.prisoner_number,
      firstName: r.first_name,
      lastName: r.last_name,
      dateOfBirth: r.date_of_birth,
      legalStatus: r.legal_status,
      nationality: r.nationality,
      educationLevel: r.education_level,
      educationRight: r.education_right,
      stay: r.period_id
        ? { periodId: r.period_id, prisonId: r.prison_id!, unitId: r.unit_id!, fromDate: r.from_date!, toDate: r.to_date }
        : null,
      previousStayEnd: r.previous_end,
    }));
  }

  /** Writes a plan, set-based (one statement per kind of change). Returns the id of every prisoner number written. */
  async applyPopulation(prisonId: string, w: PopulationWrites): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    await this.lockForCustodyChange(w);
    if (w.newPrisoners.length > 0) {
      const col = <K extends keyof PopulationWrites['newPrisoners'][number]>(k: K) => w.newPrisoners.map((p) => p[k]);
      const made = await this.txHost.tx.query<Array<{ id: string; prisoner_number: string }>>(
        `INSERT INTO prisoner (prisoner_number, first_name, last_name, date_of_birth, legal_status, nationality, education_level, education_right)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::legal_status[], $6::text[], $7::education_level[], $8::education_right[])
         RETURNING id, prisoner_number`,
        [
          col('prisonerNumber'),
          col('firstName'),
          col('lastName'),
          col('dateOfBirth'),
          col('legalStatus'),
          col('nationality'),
          col('educationLevel'),
          col('educationRight'),
        ],
      );
      for (const m of made) ids.set(m.prisoner_number, m.id);
    }
    if (w.detailUpdates.length > 0) {
      const col = <K extends keyof PopulationWrites['detailUpdates'][number]>(k: K) => w.detailUpdates.map((p) => p[k]);
      await this.txHost.tx.query(
        `UPDATE prisoner p SET first_name = u.first_name, last_name = u.last_name, date_of_birth = u.date_of_birth, legal_status = u.legal_status,
                nationality = u.nationality, education_level = u.education_level, education_right = u.education_right, updated_at = now()
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::legal_status[], $6::text[], $7::education_level[], $8::education_right[])
                AS u(id, first_name, last_name, date_of_birth, legal_status, nationality, education_level, education_right)
          WHERE p.id = u.id`,
        [
          col('prisonerId'),
          col('firstName'),
          col('lastName'),
          col('dateOfBirth'),
          col('legalStatus'),
          col('nationality'),
          col('educationLevel'),
          col('educationRight'),
        ],
      );
    }
    // Ends first, so that a stay opened the same day at the receiving prison does not overlap.
    if (w.closeStays.length > 0) {
      await this.txHost.tx.query(
        `UPDATE custody_period cp SET to_date = u.to_date, end_reason = u.reason
           FROM unnest($1::uuid[], $2::date[], $3::custody_end_reason[]) AS u(id, to_date, reason) WHERE cp.id = u.id`,
        [w.closeStays.map((c) => c.periodId), w.closeStays.map((c) => c.toDate), w.closeStays.map((c) => c.reason)],
      );
    }
    if (w.changeStays.length > 0) {
      await this.txHost.tx.query(
        `UPDATE custody_period cp SET unit_id = u.unit_id, from_date = u.from_date
           FROM unnest($1::uuid[], $2::uuid[], $3::date[]) AS u(id, unit_id, from_date) WHERE cp.id = u.id`,
        [w.changeStays.map((c) => c.periodId), w.changeStays.map((c) => c.unitId), w.changeStays.map((c) => c.fromDate)],
      );
    }
    if (w.openStays.length > 0) {
      await this.txHost.tx.query(
        `INSERT INTO custody_period (prisoner_id, prison_id, unit_id, from_date)
         SELECT p.id, $1, u.unit_id, u.from_date
           FROM unnest($2::text[], $3::uuid[], $4::date[]) AS u(prisoner_number, unit_id, from_date)
           JOIN prisoner p ON p.prisoner_number = u.prisoner_number`,
        [prisonId, w.openStays.map((o) => o.prisonerNumber), w.openStays.map((o) => o.unitId), w.openStays.map((o) => o.fromDate)],
      );
    }
    const unknown = w.refresh.map((r) => r.prisonerNumber).filter((n) => !ids.has(n));
    if (unknown.length > 0) {
      const found = await this.txHost.tx.query<Array<{ id: string; prisoner_number: string }>>(
        `SELECT id, prisoner_number FROM prisoner WHERE prisoner_number = ANY($1::text[])`,
        [unknown],
      );
      for (const f of found) ids.set(f.prisoner_number, f.id);
    }
    return ids;
  }

  /**
   * Locks the row of the prisoner with this number (if stored) until the transaction ends, as a move or an
   * allocation of them does: a custody event then decides on their custody as it is once such a change under
   * way has committed, not on what it was before.
   */
  async lockPrisonerByNumber(prisonerNumber: string): Promise<void> {
    await this.txHost.tx.query(`SELECT 1 FROM prisoner WHERE prisoner_number = $1 FOR NO KEY UPDATE`, [prisonerNumber]);
  }

  /**
   * Locks, before anything is written, what the plan's custody changes will touch, in the order allocations
   * lock them (AllocationsRepository: the prisoner, then sessions in id order): the stored prisoners whose
   * stay or details change, then the sessions of the bookings a closed stay removes (custody_end_allocations).
   * An allocation of one of them under way finishes first and is then ended by the trigger like any other,
   * instead of being committed unseen after the release; and the bookings of several ended stays give up
   * their sessions in one ordered set, so a release running beside this cannot deadlock with it.
   */
  private async lockForCustodyChange(w: PopulationWrites): Promise<void> {
    const periodIds = [...w.closeStays.map((c) => c.periodId), ...w.changeStays.map((c) => c.periodId)];
    const prisonerIds = w.detailUpdates.map((d) => d.prisonerId);
    const numbers = w.openStays.map((o) => o.prisonerNumber);
    if (periodIds.length + prisonerIds.length + numbers.length === 0) return;
    await this.txHost.tx.query(
      `SELECT p.id FROM prisoner p
        WHERE p.id = ANY($1::uuid[]) OR p.prisoner_number = ANY($2::text[])
           OR p.id IN (SELECT cp.prisoner_id FROM custody_period cp WHERE cp.id = ANY($3::uuid[]))
        ORDER BY p.id FOR NO KEY UPDATE`,
      [prisonerIds, numbers, periodIds],
    );
    if (w.closeStays.length === 0) return;
    await this.txHost.tx.query(
      `SELECT s.id FROM "session" s
        WHERE s.id IN (SELECT b.session_id
                         FROM unnest($1::uuid[], $2::date[]) AS u(id, to_date)
                         JOIN custody_period cp ON cp.id = u.id
                         JOIN booking b ON b.prisoner_id = cp.prisoner_id AND b.date >= u.to_date
                         JOIN "session" bs ON bs.id = b.session_id AND bs.prison_id = cp.prison_id)
        ORDER BY s.id FOR NO KEY UPDATE`,
      [w.closeStays.map((c) => c.periodId), w.closeStays.map((c) => c.toDate)],
    );
  }
}
