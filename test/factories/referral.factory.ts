import { DataSource } from 'typeorm';
import { Referral } from '../../src/referrals/entities/referral.entity';
import { ReferralSource, ReferralStatus } from '../../src/referrals/referral.enums';

export async function createReferral(
  ds: DataSource,
  values: { prisonerId: string; activityId: string } & Partial<Pick<Referral, 'status' | 'requestedBy' | 'note' | 'createdAt'>>,
): Promise<Referral> {
  return ds.getRepository(Referral).save({
    requestedBy: ReferralSource.OFFICER,
    status: ReferralStatus.PENDING,
    note: '',
    ...values,
  });
}
