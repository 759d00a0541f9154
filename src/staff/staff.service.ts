import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { canSeePrison, isNationalAdmin, Principal, prisonScope } from '../auth/principal';
import { NotFoundError } from '../common/errors/domain-errors';
import { Page, toPage } from '../common/http/pagination.dto';
import { StaffListQueryDto, StaffMemberDto } from './dto/staff.dto';
import { StaffMember } from './entities/staff-member.entity';
import { Employer, StaffRole } from './staff.enums';
import { parsePgArray } from '../database/pg-array';

interface StaffRow {
  id: string;
  first_name: string;
  last_name: string;
  roles: StaffRole[] | string;
  employer: Employer;
  employer_name: string | null;
  prison_ids: string[] | null;
  total: string;
}

// pg returns enum arrays as '{A,B}' strings.

@Injectable()
export class StaffService {
  constructor(private readonly dataSource: DataSource) {}

  async list(q: StaffListQueryDto, principal: Principal): Promise<Page<StaffMemberDto>> {
    if (q.prisonId && !canSeePrison(principal, q.prisonId)) throw new NotFoundError('Prison', q.prisonId);
    const scope = prisonScope(principal) ?? null;
    const rows = await this.dataSource.query<StaffRow[]>(
      `SELECT s.id, s.first_name, s.last_name, s.roles::text[] AS roles, s.employer, s.employer_name,
              (SELECT array_agg(sp.prison_id ORDER BY sp.prison_id) FROM staff_member_prison sp WHERE sp.staff_member_id = s.id) AS prison_ids,
              count(*) OVER () AS total
         FROM staff_member s
        WHERE ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM staff_member_prison sp WHERE sp.staff_member_id = s.id AND sp.prison_id = $1))
          AND ($2::staff_role IS NULL OR $2::staff_role = ANY (s.roles))
          AND ($5::uuid[] IS NULL OR EXISTS (SELECT 1 FROM staff_member_prison sp WHERE sp.staff_member_id = s.id AND sp.prison_id = ANY ($5)))
        ORDER BY s.last_name, s.first_name, s.id
        OFFSET $3 LIMIT $4`,
      [q.prisonId ?? null, q.role ?? null, q.offset, q.pageSize, scope],
    );
    const total = rows.length > 0 ? Number(rows[0].total) : await this.countMatching(q, scope);
    return toPage(rows.map(toDto), total, q);
  }

  private async countMatching(q: StaffListQueryDto, scope: string[] | null): Promise<number> {
    const [{ n }] = await this.dataSource.query<Array<{ n: string }>>(
      `SELECT count(*) AS n FROM staff_member s
        WHERE ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM staff_member_prison sp WHERE sp.staff_member_id = s.id AND sp.prison_id = $1))
          AND ($2::staff_role IS NULL OR $2::staff_role = ANY (s.roles))
          AND ($3::uuid[] IS NULL OR EXISTS (SELECT 1 FROM staff_member_prison sp WHERE sp.staff_member_id = s.id AND sp.prison_id = ANY ($3)))`,
      [q.prisonId ?? null, q.role ?? null, scope],
    );
    return Number(n);
  }

  async get(id: string, principal: Principal): Promise<StaffMemberDto> {
    const staff = await this.dataSource.getRepository(StaffMember).findOne({ where: { id }, relations: { prisons: true } });
    const visible =
      staff &&
      (isNationalAdmin(principal) ||
        staff.id === principal.staffMemberId ||
        (staff.prisons ?? []).some((p) => canSeePrison(principal, p.id)));
    if (!staff || !visible) throw new NotFoundError('Staff member', id);
    return {
      id: staff.id,
      firstName: staff.firstName,
      lastName: staff.lastName,
      roles: staff.roles,
      employer: staff.employer,
      employerName: staff.employerName,
      prisonIds: (staff.prisons ?? []).map((p) => p.id).sort(),
    };
  }
}

function toDto(r: StaffRow): StaffMemberDto {
  return {
    id: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    roles: parsePgArray(r.roles) as StaffRole[],
    employer: r.employer,
    employerName: r.employer_name,
    prisonIds: r.prison_ids ?? [],
  };
}
