import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface FeedOwner {
  staffMemberId: string;
  name: string;
  nationalAdmin: boolean;
  prisonIds: string[];
}

@Injectable()
export class CalendarFeedRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One feed per staff member: a new token replaces the old one. Saved only while an active user is
   * linked to the staff member; the share lock on that user makes a concurrent deactivation wait for
   * this insert (and then delete it) or makes this insert see the deactivation (and save nothing).
   */
  async saveToken(staffMemberId: string, tokenHash: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `INSERT INTO calendar_feed (staff_member_id, token_hash)
       SELECT $1, $2 FROM app_user u WHERE u.staff_member_id = $1 AND u.active FOR SHARE OF u
       ON CONFLICT (staff_member_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()
       RETURNING staff_member_id`,
      [staffMemberId, tokenHash],
    );
    return rows.length > 0;
  }

  async hasToken(staffMemberId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM calendar_feed WHERE staff_member_id = $1`, [staffMemberId]);
    return rows.length > 0;
  }

  async deleteToken(staffMemberId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM calendar_feed WHERE staff_member_id = $1`, [staffMemberId]);
  }

  /**
   * The staff member a token hash belongs to, with the prisons they serve — only while an active user is
   * linked to them (deactivation also deletes the feed; this keeps a feed dead between the two steps).
   */
  async findOwner(tokenHash: string): Promise<FeedOwner | undefined> {
    const rows = await this.dataSource.query<FeedOwner[]>(
      `SELECT f.staff_member_id AS "staffMemberId", sm.first_name || ' ' || sm.last_name AS name,
              'NATIONAL_ADMIN' = ANY(u.roles) AS "nationalAdmin",
              coalesce((SELECT array_agg(sp.prison_id) FROM staff_member_prison sp WHERE sp.staff_member_id = f.staff_member_id), '{}') AS "prisonIds"
         FROM calendar_feed f
         JOIN staff_member sm ON sm.id = f.staff_member_id
         JOIN app_user u ON u.staff_member_id = f.staff_member_id AND u.active
        WHERE f.token_hash = $1`,
      [tokenHash],
    );
    return rows[0];
  }
}
