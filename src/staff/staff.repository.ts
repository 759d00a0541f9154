import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { TxSource } from '../database/transaction-host';
import { StaffMember } from './entities/staff-member.entity';
import { Employer, StaffRole } from './staff.enums';

export interface StaffRow {
  id: string;
  first_name: string;
  last_name: string;
  roles: StaffRole[] | string;
  employer: Employer;
  employer_name: string | null;
  prison_ids: string[] | null;
  total: string;
}

export interface StaffFilter {
  prisonId: string | null;
  role: StaffRole | null;
  /** The prisons the reader may see; null for all. */
  scope: string[] | null;
}

/** The SQL of the staff list and the staff member page. */
@Injectable()
export class StaffRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  /** A page of staff members matching the filter, each row with the total count of matches. */
  page(f: StaffFilter, offset: number, limit: number): Promise<StaffRow[]> {
    return this.txHost.tx.query<StaffRow[]>(
      `SELECT s.id, s.first_name, s.last_name, s.roles::text[] AS roles, s.employer, s.employer_name,
              (SELECT array_agg(sp.prison_id ORDER BY sp.prison_id) FROM staff_member_prison sp WHERE sp.staff_member_id = s.id) AS prison_ids,
              count(*) OVER () AS total
         FROM staff_member s
        WHERE ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM staff_member_prison sp WHERE sp.staff_member_id = s.id AND sp.prison_id = $1))
          AND ($2::staff_role IS NULL OR $2::staff_role = ANY (s.roles))
          AND ($5::uuid[] IS NULL OR EXISTS (SELECT 1 FROM staff_member_prison sp WHERE sp.staff_member_id = s.id AND sp.prison_id = ANY ($5)))
        ORDER BY s.last_name, s.first_name, s.id
        OFFSET $3 LIMIT $4`,
      [f.prisonId, f.role, offset, limit, f.scope],
    );
  }

  /** The count of matches, for a page past the end (it has no rows to carry the total). */
  async countMatching(f: StaffFilter): Promise<number> {
    const [{ n }] = await this.txHost.tx.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM staff_member s
        WHERE ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM staff_member_prison sp WHERE sp.staff_member_id = s.id AND sp.prison_id = $1))
          AND ($2::staff_role IS NULL OR $2::staff_role = ANY (s.roles))
          AND ($3::uuid[] IS NULL OR EXISTS (SELECT 1 FROM staff_member_prison sp WHERE sp.staff_member_id = s.id AND sp.prison_id = ANY ($3)))`,
      [f.prisonId, f.role, f.scope],
    );
    return Number(n);
  }

  findWithPrisons(id: string): Promise<StaffMember | null> {
    return this.txHost.tx.getRepository(StaffMember).findOne({ where: { id }, relations: { prisons: true } });
  }
}
