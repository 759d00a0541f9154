import { OrganisationDeactivation1795900000000 } from './1795900000000-OrganisationDeactivation';
import { Init1795432334564 } from './1795432334564-Init';
import { AuthAuditConsent1795433140419 } from './1795433140419-AuthAuditConsent';
import { WeeklyPlanning1795434217540 } from './1795434217540-WeeklyPlanning';
import { Attendance1795500000000 } from './1795500000000-Attendance';
import { PrisonerDays1795500100000 } from './1795500100000-PrisonerDays';
import { AllocationNoOverlap1795500200000 } from './1795500200000-AllocationNoOverlap';
import { PlanDrafts1795500300000 } from './1795500300000-PlanDrafts';
import { RefreshTokenReuse1795500457310 } from './1795500457310-RefreshTokenReuse';
import { DemoHistoryBackfill1795600000000 } from './1795600000000-DemoHistoryBackfill';
import { PrisonerDayDateIndex1795500460000 } from './1795500460000-PrisonerDayDateIndex';
import { SchemaTidyAuditRetention1795700000000 } from './1795700000000-SchemaTidyAuditRetention';
import { ReadVersions1795500470000 } from './1795500470000-ReadVersions';
import { ActivityMaxCapacity1796100000000 } from './1796100000000-ActivityMaxCapacity';
import { FactWatermark1796000000000 } from './1796000000000-FactWatermark';
import { IntegrationEvents1796000100000 } from './1796000100000-IntegrationEvents';
import { ImportDrafts1796000200000 } from './1796000200000-ImportDrafts';
import { PlanDraftParts1796200000000 } from './1796200000000-PlanDraftParts';
import { BookingCountPerStatement1796300000000 } from './1796300000000-BookingCountPerStatement';
import { CustodyEndLocksPrisoner1796400000000 } from './1796400000000-CustodyEndLocksPrisoner';
import { BookingCountInSessionOrder1796400100000 } from './1796400100000-BookingCountInSessionOrder';
import { PrisonerNumberUpperCase1796500000000 } from './1796500000000-PrisonerNumberUpperCase';

// Every migration in order (by timestamp). Listed explicitly so the app, the CLI and jest load the same set.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [
  Init1795432334564,
  AuthAuditConsent1795433140419,
  WeeklyPlanning1795434217540,
  Attendance1795500000000,
  PrisonerDays1795500100000,
  AllocationNoOverlap1795500200000,
  PlanDrafts1795500300000,
  RefreshTokenReuse1795500457310,
  DemoHistoryBackfill1795600000000,
  PrisonerDayDateIndex1795500460000,
  ReadVersions1795500470000,
  SchemaTidyAuditRetention1795700000000,
  OrganisationDeactivation1795900000000,
  ActivityMaxCapacity1796100000000,
  FactWatermark1796000000000,
  IntegrationEvents1796000100000,
  ImportDrafts1796000200000,
  PlanDraftParts1796200000000,
  BookingCountPerStatement1796300000000,
  CustodyEndLocksPrisoner1796400000000,
  BookingCountInSessionOrder1796400100000,
  PrisonerNumberUpperCase1796500000000,
];
