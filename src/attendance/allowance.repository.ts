import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { IsoDate } from '../calendar/domain/oslo-time';
import type { TxSource } from '../database/transaction-host';

export interface AllowanceRow {
  prisonerId: string;
  prisonerNumber: string;
  firstName: string;
  lastName: string;
  paidDays: number;
  unpaidDays: number;
  rates: Array<{ validFrom: string | null; dailyRateNok: string | null; paidDays: number }>;
  amountNok: string;
  totalPrisoners: number;
  totalPaidDays: number;
  totalAmountNok: string;
}

// The allowance of a month, all in SQL. A day pays when the prisoner attended at least one
// (non-cancelled) session here that day; absence for any reason pays nothing. Each paid day is
// priced at the allowance_rate row valid on that date (the latest valid_from on or before it).
const ALLOWANCE_SQL = `
  WITH days AS (
    SELECT a.prisoner_id, a.date, bool_or(a.outcome = 'ATTENDED') AS paid
      FROM attendance a JOIN "session" s ON s.id = a.session_id AND s.cancelled_at IS NULL
     WHERE a.prison_id = $1 AND a.date BETWEEN $2 AND $3
     GROUP BY a.prisoner_id, a.date
  ), priced AS (
    SELECT d.prisoner_id, d.paid, r.valid_from, r.daily_rate_nok
      FROM days d
      LEFT JOIN LATERAL (
        SELECT valid_from, daily_rate_nok FROM allowance_rate WHERE valid_from <= d.date ORDER BY valid_from DESC LIMIT 1
      ) r ON true
  ), by_rate AS (
    SELECT prisoner_id, valid_from, daily_rate_nok,
           count(*) FILTER (WHERE paid)::int AS paid_days, count(*) FILTER (WHERE NOT paid)::int AS unpaid_days
      FROM priced GROUP BY prisoner_id, valid_from, daily_rate_nok
  ), per_prisoner AS (
    SELECT prisoner_id, sum(paid_days)::int AS paid_days, sum(unpaid_days)::int AS unpaid_days,
           coalesce(sum(paid_days * daily_rate_nok), 0)::numeric(12, 2) AS amount,
           coalesce(json_agg(json_build_object('validFrom', valid_from::text, 'dailyRateNok', daily_rate_nok::text, 'paidDays', paid_days)
                             ORDER BY valid_from) FILTER (WHERE paid_days > 0), '[]') AS rates
      FROM by_rate GROUP BY prisoner_id
  )
  SELECT p.id AS "prisonerId", p.prisoner_number AS "prisonerNumber", p.first_name AS "firstName", p.last_name AS "lastName",
         pp.paid_days AS "paidDays", pp.unpaid_days AS "unpaidDays", pp.rates, pp.amount::text AS "amountNok",
         (count(*) OVER ())::int AS "totalPrisoners", (sum(pp.paid_days) OVER ())::int AS "totalPaidDays",
         (sum(pp.amount) OVER ())::numeric(14, 2)::text AS "totalAmountNok"
    FROM per_prisoner pp JOIN prisoner p ON p.id = pp.prisoner_id
   ORDER BY p.last_name, p.first_name, p.id`;

@Injectable()
export class AllowanceRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  findMonth(prisonId: string, from: IsoDate, to: IsoDate): Promise<AllowanceRow[]> {
    return this.txHost.tx.query<AllowanceRow[]>(ALLOWANCE_SQL, [prisonId, from, to]);
  }

  async prisonExists(prisonId: string): Promise<boolean> {
    const rows = await this.txHost.tx.query<unknown[]>(`SELECT 1 FROM prison WHERE id = $1`, [prisonId]);
    return rows.length > 0;
  }
}
