import { DataSource } from 'typeorm';
import { Prison } from '../../src/organisation/entities/prison.entity';
import { Region } from '../../src/organisation/entities/region.entity';
import { Unit } from '../../src/organisation/entities/unit.entity';
import { SecurityLevel } from '../../src/organisation/organisation.enums';
import { nextSeq } from './sequence';

export async function createRegion(ds: DataSource, overrides: Partial<Region> = {}): Promise<Region> {
  const n = nextSeq();
  return ds.getRepository(Region).save({ code: `R${n}`, name: `Region ${n}`, ...overrides });
}

export async function createPrison(ds: DataSource, overrides: Partial<Prison> = {}): Promise<Prison> {
  const n = nextSeq();
  const regionId = overrides.regionId ?? (await createRegion(ds)).id;
  return ds.getRepository(Prison).save({
    code: `P${n}`,
    name: `Test fengsel ${n}`,
    regionId,
    securityLevel: SecurityLevel.HIGH,
    capacity: 100,
    ...overrides,
  });
}

export async function createUnit(ds: DataSource, prisonId: string, overrides: Partial<Unit> = {}): Promise<Unit> {
  const n = nextSeq();
  return ds.getRepository(Unit).save({ prisonId, name: `Avdeling ${n}`, securityLevel: SecurityLevel.HIGH, capacity: 20, ...overrides });
}

/** A prison with one unit, the usual starting point of a scenario. */
export async function createPrisonWithUnit(
  ds: DataSource,
  prison: Partial<Prison> = {},
  unit: Partial<Unit> = {},
): Promise<{ prison: Prison; unit: Unit }> {
  const p = await createPrison(ds, prison);
  return { prison: p, unit: await createUnit(ds, p.id, unit) };
}
