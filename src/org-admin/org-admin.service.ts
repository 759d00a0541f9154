import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError, RuleBrokenError } from '../common/errors/domain-errors';
import { PrisonDto, RegionDto, UnitDto } from '../organisation/dto/organisation.dto';
import { Prison } from '../organisation/entities/prison.entity';
import { StaffMember } from '../staff/entities/staff-member.entity';
import type { UserDto } from '../users/dto/user.dto';
import {
  CreatePrisonDto,
  CreateRegionDto,
  CreateStaffMemberDto,
  CreateUnitDto,
  DayRegimeInputDto,
  StaffMemberAdminDto,
  UpdatePrisonDto,
  UpdateRegionDto,
  UpdateStaffMemberDto,
  UpdateUnitDto,
} from './dto/org-admin.dto';
import { OrgAdminRepository, OrgAdminTx } from './org-admin.repository';

// Errors carry a code and its parameters in `details` (the pages translate the code); the message is
// the API's English text.
const conflict = (code: string, message: string, params: Record<string, unknown> = {}) => new ConflictError(message, { code, ...params });
const rule = (code: string, message: string, params: Record<string, unknown> = {}) => new RuleBrokenError(message, { code, ...params });

export const toStaffDto = (s: StaffMember): StaffMemberAdminDto => ({
  id: s.id,
  firstName: s.firstName,
  lastName: s.lastName,
  roles: s.roles,
  employer: s.employer,
  employerName: s.employerName,
  email: s.email,
  prisonIds: (s.prisons ?? []).map((p) => p.id).sort(),
  active: s.active,
});

function checkRegime(r: DayRegimeInputDto): void {
  if (!(r.amStart < r.amEnd && r.amEnd <= r.pmStart && r.pmStart < r.pmEnd))
    throw new InvalidInputError('The day regime must run morning start < morning end ≤ afternoon start < afternoon end', {
      code: 'DAY_REGIME_ORDER',
    });
}

/** `active` false → deactivated now; true → reactivated; absent → unchanged. */
function activation(active: boolean | undefined, current: boolean, now: Date): { active?: boolean; deactivatedAt?: Date | null } {
  if (active === undefined || active === current) return {};
  return active ? { active: true, deactivatedAt: null } : { active: false, deactivatedAt: now };
}

/**
 * Organisation administration (national administrators): regions, prisons, units and staff members.
 * Rows that history refers to are deactivated, never deleted; what is still in use cannot be.
 */
@Injectable()
export class OrgAdminService {
  constructor(
    private readonly repo: OrgAdminRepository,
    private readonly clock: Clock,
  ) {}

  // Reads for the administration pages: everything, deactivated rows included.
  async listRegions(): Promise<RegionDto[]> {
    return (await this.repo.reader().listRegions()).map(RegionDto.from);
  }

  async listPrisons(): Promise<PrisonDto[]> {
    return (await this.repo.reader().listPrisons()).map(PrisonDto.from);
  }

  async prisonWithUnits(id: string): Promise<{ prison: PrisonDto; units: UnitDto[] }> {
    const reader = this.repo.reader();
    const prison = await reader.findPrison(id);
    if (!prison) throw new NotFoundError('Prison', id);
    return { prison: PrisonDto.from(prison), units: (await reader.listUnits(id)).map(UnitDto.from) };
  }

  async prisonOfUnit(unitId: string): Promise<string | null> {
    return (await this.repo.reader().findUnit(unitId))?.prisonId ?? null;
  }

  async listStaff(): Promise<StaffMemberAdminDto[]> {
    return (await this.repo.reader().listStaff()).map(toStaffDto);
  }

  async listUsers(): Promise<UserDto[]> {
    return (await this.repo.reader().listUsers()).map((u) => ({
      id: u.id,
      username: u.username,
      roles: u.roles,
      staffMemberId: u.staffMemberId,
      active: u.active,
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    }));
  }

  createRegion(dto: CreateRegionDto): Promise<RegionDto> {
    return this.repo.inTransaction(async (tx) => {
      if (await tx.regionTaken(dto.code, dto.name))
        throw conflict('REGION_TAKEN', 'A region with that code or name exists', { given: dto.code });
      return RegionDto.from(await tx.insertRegion({ code: dto.code, name: dto.name }));
    });
  }

  updateRegion(id: string, dto: UpdateRegionDto): Promise<RegionDto> {
    return this.repo.inTransaction(async (tx) => {
      const region = await tx.findRegion(id, true);
      if (!region) throw new NotFoundError('Region', id);
      const code = dto.code ?? region.code;
      const name = dto.name ?? region.name;
      if ((dto.code || dto.name) && (await tx.regionTaken(code, name, id)))
        throw conflict('REGION_TAKEN', 'A region with that code or name exists', { given: code });
      if (dto.active === false && region.active && (await tx.countActivePrisonsInRegion(id)) > 0)
        throw rule('REGION_HAS_ACTIVE_PRISONS', 'The region has active prisons: move or deactivate them first');
      return RegionDto.from(
        await tx.updateRegion(id, { code, name, ...activation(dto.active, region.active, this.clock.now().toJSDate()) }),
      );
    });
  }

  createPrison(dto: CreatePrisonDto): Promise<PrisonDto> {
    if (dto.dayRegime) checkRegime(dto.dayRegime);
    return this.repo.inTransaction(async (tx) => {
      await this.activeRegion(tx, dto.regionId);
      if (await tx.prisonTaken(dto.code, dto.name))
        throw conflict('PRISON_TAKEN', 'A prison with that code or name exists', { given: dto.code });
      const regime = dto.dayRegime ?? { amStart: '08:00', amEnd: '11:30', pmStart: '12:00', pmEnd: '15:00' };
      const prison = await tx.insertPrison({
        code: dto.code,
        name: dto.name,
        regionId: dto.regionId,
        securityLevel: dto.securityLevel,
        capacity: dto.capacity,
        timeZone: 'Europe/Oslo',
        ...regime,
      });
      return PrisonDto.from(prison);
    });
  }

  updatePrison(id: string, dto: UpdatePrisonDto): Promise<PrisonDto> {
    return this.repo.inTransaction(async (tx) => {
      const prison = await tx.findPrison(id, true);
      if (!prison) throw new NotFoundError('Prison', id);
      if (dto.regionId && dto.regionId !== prison.regionId) await this.activeRegion(tx, dto.regionId);
      const current = PrisonDto.from(prison).dayRegime;
      const regime = dto.dayRegime ? { ...current, ...dto.dayRegime } : undefined;
      if (regime) checkRegime(regime);
      const code = dto.code ?? prison.code;
      const name = dto.name ?? prison.name;
      if ((dto.code || dto.name) && (await tx.prisonTaken(code, name, id)))
        throw conflict('PRISON_TAKEN', 'A prison with that code or name exists', { given: code });
      if (dto.active === false && prison.active) {
        const held = await tx.countHeld(id, this.clock.today());
        if (held > 0) throw rule('PRISON_HAS_PRISONERS', 'Prisoners are held at the prison: release or transfer them first', { held });
      }
      if (dto.active === true && !prison.active) await this.activeRegion(tx, dto.regionId ?? prison.regionId);
      const values: Partial<Prison> = {
        code,
        name,
        ...(dto.regionId ? { regionId: dto.regionId } : {}),
        ...(dto.securityLevel ? { securityLevel: dto.securityLevel } : {}),
        ...(dto.capacity !== undefined ? { capacity: dto.capacity } : {}),
        ...(regime ?? {}),
        ...activation(dto.active, prison.active, this.clock.now().toJSDate()),
      };
      return PrisonDto.from(await tx.updatePrison(id, values));
    });
  }

  createUnit(prisonId: string, dto: CreateUnitDto): Promise<UnitDto> {
    return this.repo.inTransaction(async (tx) => {
      const prison = await tx.findPrison(prisonId, true);
      if (!prison) throw new NotFoundError('Prison', prisonId);
      if (!prison.active) throw rule('PRISON_INACTIVE', 'The prison is deactivated', { prisonId });
      if (await tx.unitTaken(prisonId, dto.name)) throw conflict('UNIT_TAKEN', 'The prison has a unit of that name', { name: dto.name });
      return UnitDto.from(await tx.insertUnit({ prisonId, name: dto.name, securityLevel: dto.securityLevel, capacity: dto.capacity }));
    });
  }

  updateUnit(id: string, dto: UpdateUnitDto): Promise<UnitDto> {
    return this.repo.inTransaction(async (tx) => {
      const unit = await tx.findUnit(id, true);
      if (!unit) throw new NotFoundError('Unit', id);
      if (dto.name && (await tx.unitTaken(unit.prisonId, dto.name, id)))
        throw conflict('UNIT_TAKEN', 'The prison has a unit of that name', { name: dto.name });
      if (dto.active === false && unit.active) {
        const held = await tx.countHeld(unit.prisonId, this.clock.today(), id);
        if (held > 0) throw rule('UNIT_HAS_PRISONERS', 'Prisoners are held in the unit: move them first', { held });
      }
      const updated = await tx.updateUnit(id, {
        ...(dto.name ? { name: dto.name } : {}),
        ...(dto.securityLevel ? { securityLevel: dto.securityLevel } : {}),
        ...(dto.capacity !== undefined ? { capacity: dto.capacity } : {}),
        ...activation(dto.active, unit.active, this.clock.now().toJSDate()),
      });
      return UnitDto.from(updated);
    });
  }

  createStaffMember(dto: CreateStaffMemberDto): Promise<StaffMemberAdminDto> {
    return this.repo.inTransaction(async (tx) => {
      const prisons = await this.activePrisons(tx, dto.prisonIds);
      const saved = await tx.saveStaff({
        firstName: dto.firstName,
        lastName: dto.lastName,
        roles: dto.roles,
        employer: dto.employer,
        employerName: dto.employerName || null,
        email: dto.email || null,
        prisons,
        active: true,
        deactivatedAt: null,
      });
      return toStaffDto(saved);
    });
  }

  updateStaffMember(id: string, dto: UpdateStaffMemberDto): Promise<StaffMemberAdminDto> {
    return this.repo.inTransaction(async (tx) => {
      const staff = await tx.findStaff(id);
      if (!staff) throw new NotFoundError('Staff member', id);
      if (dto.active === false && staff.active && (await tx.activeUserOfStaff(id)))
        throw rule('STAFF_HAS_ACTIVE_USER', 'The staff member has an active user: deactivate the user first');
      // Prisons they already serve may stay even if deactivated since; new ones must be active.
      const kept = new Set((staff.prisons ?? []).map((p) => p.id));
      const prisons = dto.prisonIds
        ? [
            ...(staff.prisons ?? []).filter((p) => dto.prisonIds?.includes(p.id)),
            ...(await this.activePrisons(
              tx,
              dto.prisonIds.filter((p) => !kept.has(p)),
            )),
          ]
        : (staff.prisons ?? []);
      const saved = await tx.saveStaff({
        id,
        ...(dto.firstName ? { firstName: dto.firstName } : {}),
        ...(dto.lastName ? { lastName: dto.lastName } : {}),
        ...(dto.roles ? { roles: dto.roles } : {}),
        ...(dto.employer ? { employer: dto.employer } : {}),
        ...(dto.employerName !== undefined ? { employerName: dto.employerName || null } : {}),
        ...(dto.email !== undefined ? { email: dto.email || null } : {}),
        prisons,
        ...activation(dto.active, staff.active, this.clock.now().toJSDate()),
      });
      return toStaffDto(saved);
    });
  }

  private async activeRegion(tx: OrgAdminTx, regionId: string): Promise<void> {
    const region = await tx.findRegion(regionId);
    if (!region) throw new NotFoundError('Region', regionId);
    if (!region.active) throw rule('REGION_INACTIVE', 'The region is deactivated', { regionId });
  }

  private async activePrisons(tx: OrgAdminTx, ids: string[]): Promise<Prison[]> {
    const prisons = await tx.findPrisons(ids);
    const missing = ids.find((id) => !prisons.some((p) => p.id === id));
    if (missing) throw new NotFoundError('Prison', missing);
    const inactive = prisons.find((p) => !p.active);
    if (inactive) throw rule('PRISON_INACTIVE', 'The prison is deactivated', { prisonId: inactive.id });
    return prisons;
  }
}
