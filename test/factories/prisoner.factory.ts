import { DataSource } from 'typeorm';
import { CustodyPeriod } from '../../src/prisoners/entities/custody-period.entity';
import { Prisoner } from '../../src/prisoners/entities/prisoner.entity';
import { CustodyEndReason, EducationLevel, EducationRight, LegalStatus } from '../../src/prisoners/prisoner.enums';
import { nextSeq } from './sequence';

export async function createPrisoner(ds: DataSource, overrides: Partial<Prisoner> = {}): Promise<Prisoner> {
  const n = nextSeq();
  return ds.getRepository(Prisoner).save({
    prisonerNumber: `T-${String(n).padStart(6, '0')}`,
    firstName: `Ola${n}`,
    lastName: `Nordmann${n}`,
    dateOfBirth: '1990-01-15',
    legalStatus: LegalStatus.CONVICTED,
    nationality: 'NO',
    educationLevel: EducationLevel.LOWER_SECONDARY,
    educationRight: EducationRight.ADULT,
    ...overrides,
  });
}

export async function createCustody(
  ds: DataSource,
  values: {
    prisonerId: string;
    prisonId: string;
    unitId: string;
    fromDate: string;
    toDate?: string | null;
    endReason?: CustodyEndReason | null;
  },
): Promise<CustodyPeriod> {
  return ds.getRepository(CustodyPeriod).save({
    toDate: null,
    endReason: values.toDate ? (values.endReason ?? CustodyEndReason.RELEASED) : null,
    ...values,
  });
}

/** A prisoner held at a prison/unit from a date (open custody period). */
export async function createHeldPrisoner(
  ds: DataSource,
  at: { prisonId: string; unitId: string; fromDate?: string; toDate?: string | null },
  overrides: Partial<Prisoner> = {},
): Promise<Prisoner> {
  const prisoner = await createPrisoner(ds, overrides);
  await createCustody(ds, {
    prisonerId: prisoner.id,
    prisonId: at.prisonId,
    unitId: at.unitId,
    fromDate: at.fromDate ?? '2026-01-05',
    toDate: at.toDate ?? null,
  });
  return prisoner;
}
