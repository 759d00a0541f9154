import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { IsNull } from 'typeorm';
import type { TxSource } from '../database/transaction-host';
import { Unit } from '../organisation/entities/unit.entity';
import { CustodyPeriod } from './entities/custody-period.entity';
import { Prisoner } from './entities/prisoner.entity';
import { CustodyEndReason } from './prisoner.enums';

export type NewPrisoner = Pick<
  Prisoner,
  'prisonerNumber' | 'firstName' | 'lastName' | 'dateOfBirth' | 'legalStatus' | 'nationality' | 'educationLevel' | 'educationRight'
>;
export type NewCustodyPeriod = Pick<CustodyPeriod, 'prisonerId' | 'prisonId' | 'unitId' | 'fromDate' | 'toDate' | 'endReason'>;

/**
 * Admissions, transfers and releases, in the active transaction (TransactionHost): the locks taken here
 * hold until the use case's transaction ends.
 */
@Injectable()
export class CustodyRepository {
  constructor(@Inject(TransactionHost) private readonly txHost: TxSource) {}

  prisonerNumberTaken(prisonerNumber: string): Promise<boolean> {
    return this.txHost.tx.getRepository(Prisoner).existsBy({ prisonerNumber });
  }

  insertPrisoner(p: NewPrisoner): Promise<Prisoner> {
    return this.txHost.tx.getRepository(Prisoner).save(p);
  }

  async insertPeriod(p: NewCustodyPeriod): Promise<void> {
    await this.txHost.tx.getRepository(CustodyPeriod).insert(p);
  }

  /** The prisoner, row-locked (FOR UPDATE) till the transaction ends: moves of one prisoner go one at a time. */
  lockPrisoner(id: string): Promise<Prisoner | null> {
    return this.txHost.tx.getRepository(Prisoner).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** The open custody period, row-locked (FOR UPDATE). */
  lockOpenPeriod(prisonerId: string): Promise<CustodyPeriod | null> {
    return this.txHost.tx.getRepository(CustodyPeriod).findOne({
      where: { prisonerId, toDate: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async endPeriod(id: string, toDate: string, endReason: CustodyEndReason): Promise<void> {
    await this.txHost.tx.getRepository(CustodyPeriod).update(id, { toDate, endReason });
  }

  latestPeriod(prisonerId: string): Promise<CustodyPeriod | null> {
    return this.txHost.tx.getRepository(CustodyPeriod).findOne({ where: { prisonerId }, order: { fromDate: 'DESC' } });
  }

  findUnit(id: string): Promise<Unit | null> {
    return this.txHost.tx.getRepository(Unit).findOneBy({ id });
  }
}
