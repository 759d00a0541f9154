import { Injectable } from '@nestjs/common';
import { canSeePrison, isNationalAdmin, Principal, prisonScope } from '../auth/principal';
import { NotFoundError } from '../common/errors/domain-errors';
import { Page, toPage } from '../common/http/pagination.dto';
import { StaffListQueryDto, StaffMemberDto } from './dto/staff.dto';
import { StaffRepository, StaffRow } from './staff.repository';
import { StaffRole } from './staff.enums';
import { parsePgArray } from '../database/pg-array';

// pg returns enum arrays as '{A,B}' strings.

@Injectable()
export class StaffService {
  constructor(private readonly repo: StaffRepository) {}

  async list(q: StaffListQueryDto, principal: Principal): Promise<Page<StaffMemberDto>> {
    if (q.prisonId && !canSeePrison(principal, q.prisonId)) throw new NotFoundError('Prison', q.prisonId);
    const scope = prisonScope(principal) ?? null;
    const filter = { prisonId: q.prisonId ?? null, role: q.role ?? null, scope };
    const rows = await this.repo.page(filter, q.offset, q.pageSize);
    const total = rows.length > 0 ? Number(rows[0].total) : await this.repo.countMatching(filter);
    return toPage(rows.map(toDto), total, q);
  }

  async get(id: string, principal: Principal): Promise<StaffMemberDto> {
    const staff = await this.repo.findWithPrisons(id);
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
