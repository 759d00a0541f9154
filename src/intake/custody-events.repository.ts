import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TxSource } from '../database/transaction-host';

export interface StoredEvent {
  payloadHash: string;
  statusCode: number;
  answer: Record<string, unknown>;
}

// Serialises everything that happens to one prisoner number (also before the prisoner exists).
const PRISONER_NUMBER_LOCK_SPACE = 4_711_100;

/** The custody events received from integration clients: one row per event id, with the answer given. */
@Injectable()
export class CustodyEventsRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  async lockPrisonerNumber(prisonerNumber: string): Promise<void> {
    await this.txHost.tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [PRISONER_NUMBER_LOCK_SPACE, prisonerNumber]);
  }

  async find(eventId: string): Promise<StoredEvent | undefined> {
    const rows = await this.txHost.tx.query<Array<{ payload_hash: string; status_code: number; answer: Record<string, unknown> }>>(
      `SELECT payload_hash, status_code, answer FROM custody_event WHERE event_id = $1`,
      [eventId],
    );
    const r = rows[0];
    return r ? { payloadHash: r.payload_hash, statusCode: r.status_code, answer: r.answer } : undefined;
  }

  /** The latest applied event of one of these types for the prisoner number (ISO timestamp), or null. */
  async latestApplied(prisonerNumber: string, types: string[]): Promise<string | null> {
    const rows = await this.txHost.tx.query<Array<{ at: string | null }>>(
      `SELECT to_char(max(occurred_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at
         FROM custody_event WHERE prisoner_number = $1 AND applied AND type = ANY($2::text[])`,
      [prisonerNumber, types],
    );
    return rows[0]?.at ?? null;
  }

  async record(e: {
    eventId: string;
    clientUserId: string;
    type: string;
    prisonerNumber: string;
    occurredAt: string;
    payloadHash: string;
    applied: boolean;
    statusCode: number;
    answer: object;
  }): Promise<void> {
    await this.txHost.tx.query(
      `INSERT INTO custody_event (event_id, client_user_id, type, prisoner_number, occurred_at, payload_hash, applied, status_code, answer)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [e.eventId, e.clientUserId, e.type, e.prisonerNumber, e.occurredAt, e.payloadHash, e.applied, e.statusCode, JSON.stringify(e.answer)],
    );
  }

  async findPrisonByCode(code: string): Promise<string | undefined> {
    const rows = await this.txHost.tx.query<Array<{ id: string }>>(`SELECT id FROM prison WHERE upper(code) = upper($1)`, [code]);
    return rows[0]?.id;
  }
}
