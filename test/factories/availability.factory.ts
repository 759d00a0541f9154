import { DataSource } from 'typeorm';
import { NonAssociation } from '../../src/availability/entities/non-association.entity';
import { Unavailability } from '../../src/availability/entities/unavailability.entity';
import { UnavailabilityKind } from '../../src/availability/availability.enums';

export async function createUnavailability(
  ds: DataSource,
  prisonerId: string,
  overrides: Partial<Unavailability> = {},
): Promise<Unavailability> {
  const fromDate = overrides.fromDate ?? '2026-11-24';
  return ds.getRepository(Unavailability).save({
    prisonerId,
    kind: UnavailabilityKind.COURT,
    fromDate,
    toDate: fromDate,
    period: null,
    startTime: null,
    endTime: null,
    note: '',
    createdByUserId: null,
    ...overrides,
  });
}

/** A non-association between two prisoners, stored in id order whatever order they are given in. */
export async function createNonAssociation(
  ds: DataSource,
  prisonerId: string,
  otherPrisonerId: string,
  overrides: Partial<Pick<NonAssociation, 'reason' | 'fromDate' | 'toDate'>> = {},
): Promise<NonAssociation> {
  const [a, b] = [prisonerId, otherPrisonerId].sort();
  return ds.getRepository(NonAssociation).save({
    prisonerAId: a,
    prisonerBId: b,
    reason: 'Konflikt på avdelingen',
    fromDate: '2026-11-01',
    toDate: null,
    createdByUserId: null,
    ...overrides,
  });
}
