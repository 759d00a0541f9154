import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Clock } from '../common/clock';
import { ConflictError, InvalidInputError, NotFoundError, RuleBrokenError } from '../common/errors/domain-errors';
import { RuleCode, ruleMessage } from '../common/messages/rule-message';
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
import { OrgAdminRepository } from './org-admin.repository';

// Errors carry a code and its parameters in `details` (the pages translate the code); the message is
// the API's English text.
const conflict = (code: RuleCode, params: Record<string, string | number> = {}) =>
  new ConflictError(ruleMessage(code, params), { code, ...params });
const rule = (code: RuleCode, params: Record<string, string | number> = {}) =>
  new RuleBrokenError(ruleMessage(code, params), { code, ...params });

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
    throw new InvalidInputError(ruleMessage(RuleCode.DAY_REGIME_ORDER), { code: RuleCode.DAY_REGIME_ORDER });
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
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  // Reads for the administration pages: everything, deactivated rows included.
  async listRegions(): Promise<RegionDto[]> {
    return (await this.repo.listRegions()).map(RegionDto.from);
  }

  async listPrisons(): Promise<PrisonDto[]> {
    return (await this.repo.listPrisons()).map(PrisonDto.from);
  }

  async prisonWithUnits(id: string): Promise<{ prison: PrisonDto; units: UnitDto[] }> {
    const prison = await this.repo.findPrison(id);
    if (!prison) throw new NotFoundError('Prison', id);
    return { prison: PrisonDto.from(prison), units: (await this.repo.listUnits(id)).map(UnitDto.from) };
  }

  async prisonOfUnit(unitId: string): Promise<string | null> {
    return (await this.repo.findUnit(unitId))?.prisonId ?? null;
  }

  async listStaff(): Promise<StaffMemberAdminDto[]> {
    return (await this.repo.listStaff()).map(toStaffDto);
  }

  async listUsers(): Promise<UserDto[]> {
    return (await this.repo.listUsers()).map((u) => ({
      id: u.id,
      username: u.username,
      roles: u.roles,
      staffMemberId: u.staffMemberId,
      active: u.active,
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    }));
  }

  createRegion(dto: CreateRegionDto): Promise<RegionDto> {
    return this.txHost.withTransaction(async () => {
      if (await this.repo.regionTaken(dto.code, dto.name)) throw conflict(RuleCode.REGION_TAKEN, { given: dto.code });
      return RegionDto.from(await this.repo.insertRegion({ code: dto.code, name: dto.name }));
    });
  }

  updateRegion(id: string, dto: UpdateRegionDto): Promise<RegionDto> {
    return this.txHost.withTransaction(async () => {
      const region = await this.repo.findRegion(id, true);
      if (!region) throw new NotFoundError('Region', id);
      const code = dto.code ?? region.code;
      const name = dto.name ?? region.name;
      if ((dto.code || dto.name) && (await this.repo.regionTaken(code, name, id))) throw conflict(RuleCode.REGION_TAKEN, { given: code });
      if (dto.active === false && region.active && (await this.repo.countActivePrisonsInRegion(id)) > 0)
        throw rule(RuleCode.REGION_HAS_ACTIVE_PRISONS);
      return RegionDto.from(
        await this.repo.updateRegion(id, { code, name, ...activation(dto.active, region.active, this.clock.now().toJSDate()) }),
      );
    });
  }

  createPrison(dto: CreatePrisonDto): Promise<PrisonDto> {
    if (dto.dayRegime) checkRegime(dto.dayRegime);
    return this.txHost.withTransaction(async () => {
      await this.activeRegion(dto.regionId);
      if (await this.repo.prisonTaken(dto.code, dto.name)) throw conflict(RuleCode.PRISON_TAKEN, { given: dto.code });
      const regime = dto.dayRegime ?? { amStart: '08:00', amEnd: '11:30', pmStart: '12:00', pmEnd: '15:00' };
      const prison = await this.repo.insertPrison({
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
    return this.txHost.withTransaction(async () => {
      const prison = await this.repo.findPrison(id, true);
      if (!prison) throw new NotFoundError('Prison', id);
      if (dto.regionId && dto.regionId !== prison.regionId) await this.activeRegion(dto.regionId);
      const current = PrisonDto.from(prison).dayRegime;
      const regime = dto.dayRegime ? { ...current, ...dto.dayRegime } : undefined;
      if (regime) checkRegime(regime);
      const code = dto.code ?? prison.code;
      const name = dto.name ?? prison.name;
      if ((dto.code || dto.name) && (await this.repo.prisonTaken(code, name, id))) throw conflict(RuleCode.PRISON_TAKEN, { given: code });
      if (dto.active === false && prison.active) {
        const held = await this.repo.countHeld(id, this.clock.today());
        if (held > 0) throw rule(RuleCode.PRISON_HAS_PRISONERS, { held });
      }
      if (dto.active === true && !prison.active) await this.activeRegion(dto.regionId ?? prison.regionId);
      const values: Partial<Prison> = {
        code,
        name,
        ...(dto.regionId ? { regionId: dto.regionId } : {}),
        ...(dto.securityLevel ? { securityLevel: dto.securityLevel } : {}),
        ...(dto.capacity !== undefined ? { capacity: dto.capacity } : {}),
        ...(regime ?? {}),
        ...activation(dto.active, prison.active, this.clock.now().toJSDate()),
      };
      return PrisonDto.from(await this.repo.updatePrison(id, values));
    });
  }

  createUnit(prisonId: string, dto: CreateUnitDto): Promise<UnitDto> {
    return this.txHost.withTransaction(async () => {
      const prison = await this.repo.findPrison(prisonId, true);
      if (!prison) throw new NotFoundError('Prison', prisonId);
      if (!prison.active) throw rule(RuleCode.PRISON_INACTIVE, { prisonId });
      if (await this.repo.unitTaken(prisonId, dto.name)) throw conflict(RuleCode.UNIT_TAKEN, { name: dto.name });
      return UnitDto.from(
        await this.repo.insertUnit({ prisonId, name: dto.name, securityLevel: dto.securityLevel, capacity: dto.capacity }),
      );
    });
  }

  updateUnit(id: string, dto: UpdateUnitDto): Promise<UnitDto> {
    return this.txHost.withTransaction(async () => {
      const unit = await this.repo.findUnit(id, true);
      if (!unit) throw new NotFoundError('Unit', id);
      if (dto.name && (await this.repo.unitTaken(unit.prisonId, dto.name, id))) throw conflict(RuleCode.UNIT_TAKEN, { name: dto.name });
      if (dto.active === false && unit.active) {
        const held = await this.repo.countHeld(unit.prisonId, this.clock.today(), id);
        if (held > 0) throw rule(RuleCode.UNIT_HAS_PRISONERS, { held });
      }
      const updated = await this.repo.updateUnit(id, {
        ...(dto.name ? { name: dto.name } : {}),
        ...(dto.securityLevel ? { securityLevel: dto.securityLevel } : {}),
        ...(dto.capacity !== undefined ? { capacity: dto.capacity } : {}),
        ...activation(dto.active, unit.active, this.clock.now().toJSDate()),
      });
      return UnitDto.from(updated);
    });
  }

  createStaffMember(dto: CreateStaffMemberDto): Promise<StaffMemberAdminDto> {
    return this.txHost.withTransaction(async () => {
      const prisons = await this.activePrisons(dto.prisonIds);
      const saved = await this.repo.saveStaff({
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
    return this.txHost.withTransaction(async () => {
      const staff = await this.repo.findStaff(id);
      if (!staff) throw new NotFoundError('Staff member', id);
      if (dto.active === false && staff.active && (await this.repo.activeUserOfStaff(id))) throw rule(RuleCode.STAFF_HAS_ACTIVE_USER);
      // Prisons they already serve may stay even if deactivated since; new ones must be active.
      const kept = new Set((staff.prisons ?? []).map((p) => p.id));
      const prisons = dto.prisonIds
        ? [
            ...(staff.prisons ?? []).filter((p) => dto.prisonIds?.includes(p.id)),
            ...(await this.activePrisons(dto.prisonIds.filter((p) => !kept.has(p)))),
          ]
        : (staff.prisons ?? []);
      const saved = await this.repo.saveStaff({
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

  private async activeRegion(regionId: string): Promise<void> {
    const region = await this.repo.findRegion(regionId);
    if (!region) throw new NotFoundError('Region', regionId);
    if (!region.active) throw rule(RuleCode.REGION_INACTIVE, { regionId });
  }

  private async activePrisons(ids: string[]): Promise<Prison[]> {
    const prisons = await this.repo.findPrisons(ids);
    const missing = ids.find((id) => !prisons.some((p) => p.id === id));
    if (missing) throw new NotFoundError('Prison', missing);
    const inactive = prisons.find((p) => !p.active);
    if (inactive) throw rule(RuleCode.PRISON_INACTIVE, { prisonId: inactive.id });
    return prisons;
  }
}
