import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { In } from 'typeorm';
import { AppUser } from '../auth/entities/app-user.entity';
import { Prison } from '../organisation/entities/prison.entity';
import { Region } from '../organisation/entities/region.entity';
import { Unit } from '../organisation/entities/unit.entity';
import { StaffMember } from '../staff/entities/staff-member.entity';
import type { TxSource } from '../database/transaction-host';

/**
 * Reads and writes of organisation administration, in the active transaction (TransactionHost): each
 * use case of OrgAdminService runs in one (`withTransaction`); pages that only read run outside one.
 */
@Injectable()
export class OrgAdminRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  listRegions(): Promise<Region[]> {
    return this.txHost.tx.getRepository(Region).find({ order: { name: 'ASC' } });
  }

  findRegion(id: string, lock = false): Promise<Region | null> {
    return this.txHost.tx
      .getRepository(Region)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  regionTaken(code: string, name: string, exceptId?: string): Promise<Region | null> {
    return this.txHost.tx
      .getRepository(Region)
      .createQueryBuilder('r')
      .where('(r.code = :code OR lower(r.name) = lower(:name))', { code, name })
      .andWhere(exceptId ? 'r.id <> :exceptId' : 'TRUE', { exceptId })
      .getOne();
  }

  insertRegion(values: Pick<Region, 'code' | 'name'>): Promise<Region> {
    return this.txHost.tx.getRepository(Region).save({ ...values, active: true, deactivatedAt: null });
  }

  async updateRegion(id: string, values: Partial<Pick<Region, 'code' | 'name' | 'active' | 'deactivatedAt'>>): Promise<Region> {
    if (Object.keys(values).length) await this.txHost.tx.getRepository(Region).update(id, values);
    return this.txHost.tx.getRepository(Region).findOneByOrFail({ id });
  }

  countActivePrisonsInRegion(regionId: string): Promise<number> {
    return this.txHost.tx.getRepository(Prison).countBy({ regionId, active: true });
  }

  listPrisons(): Promise<Prison[]> {
    return this.txHost.tx.getRepository(Prison).find({ order: { name: 'ASC' } });
  }

  findPrison(id: string, lock = false): Promise<Prison | null> {
    return this.txHost.tx
      .getRepository(Prison)
      .findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  findPrisons(ids: string[]): Promise<Prison[]> {
    return ids.length ? this.txHost.tx.getRepository(Prison).findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  prisonTaken(code: string, name: string, exceptId?: string): Promise<Prison | null> {
    return this.txHost.tx
      .getRepository(Prison)
      .createQueryBuilder('p')
      .where('(p.code = :code OR lower(p.name) = lower(:name))', { code, name })
      .andWhere(exceptId ? 'p.id <> :exceptId' : 'TRUE', { exceptId })
      .getOne();
  }

  insertPrison(values: Omit<Prison, 'id' | 'createdAt' | 'updatedAt' | 'region' | 'active' | 'deactivatedAt'>): Promise<Prison> {
    return this.txHost.tx.getRepository(Prison).save({ ...values, active: true, deactivatedAt: null });
  }

  async updatePrison(id: string, values: Partial<Prison>): Promise<Prison> {
    if (Object.keys(values).length) await this.txHost.tx.getRepository(Prison).update(id, values);
    return this.txHost.tx.getRepository(Prison).findOneByOrFail({ id });
  }

  /** Prisoners in custody on `today` (or later) at the prison, optionally in one unit. */
  async countHeld(prisonId: string, today: string, unitId?: string): Promise<number> {
    const [{ n }] = await this.txHost.tx.query<Array<{ n: number }>>(
      `SELECT count(DISTINCT prisoner_id)::int AS n FROM custody_period
        WHERE prison_id = $1 AND ($2::uuid IS NULL OR unit_id = $2) AND (to_date IS NULL OR to_date > $3::date)`,
      [prisonId, unitId ?? null, today],
    );
    return n;
  }

  listUnits(prisonId: string): Promise<Unit[]> {
    return this.txHost.tx.getRepository(Unit).find({ where: { prisonId }, order: { name: 'ASC' } });
  }

  findUnit(id: string, lock = false): Promise<Unit | null> {
    return this.txHost.tx.getRepository(Unit).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  unitTaken(prisonId: string, name: string, exceptId?: string): Promise<Unit | null> {
    return this.txHost.tx
      .getRepository(Unit)
      .createQueryBuilder('u')
      .where('u.prison_id = :prisonId AND lower(u.name) = lower(:name)', { prisonId, name })
      .andWhere(exceptId ? 'u.id <> :exceptId' : 'TRUE', { exceptId })
      .getOne();
  }

  insertUnit(values: Pick<Unit, 'prisonId' | 'name' | 'securityLevel' | 'capacity'>): Promise<Unit> {
    return this.txHost.tx.getRepository(Unit).save({ ...values, active: true, deactivatedAt: null });
  }

  async updateUnit(id: string, values: Partial<Unit>): Promise<Unit> {
    if (Object.keys(values).length) await this.txHost.tx.getRepository(Unit).update(id, values);
    return this.txHost.tx.getRepository(Unit).findOneByOrFail({ id });
  }

  listStaff(prisonId?: string): Promise<StaffMember[]> {
    const qb = this.txHost.tx
      .getRepository(StaffMember)
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.prisons', 'p')
      .orderBy('s.last_name')
      .addOrderBy('s.first_name')
      .addOrderBy('s.id');
    if (prisonId)
      qb.where('EXISTS (SELECT 1 FROM staff_member_prison sp WHERE sp.staff_member_id = s.id AND sp.prison_id = :prisonId)', { prisonId });
    return qb.getMany();
  }

  findStaff(id: string): Promise<StaffMember | null> {
    return this.txHost.tx.getRepository(StaffMember).findOne({ where: { id }, relations: { prisons: true } });
  }

  async saveStaff(staff: Partial<StaffMember> & { prisons: Prison[] }): Promise<StaffMember> {
    const saved = await this.txHost.tx.getRepository(StaffMember).save(staff);
    return this.txHost.tx.getRepository(StaffMember).findOneOrFail({ where: { id: saved.id }, relations: { prisons: true } });
  }

  activeUserOfStaff(staffMemberId: string): Promise<AppUser | null> {
    return this.txHost.tx.getRepository(AppUser).findOneBy({ staffMemberId, active: true });
  }

  listUsers(): Promise<AppUser[]> {
    return this.txHost.tx.getRepository(AppUser).find({ order: { username: 'ASC' } });
  }
}
