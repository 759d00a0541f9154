import { Injectable } from '@nestjs/common';
import { Propagation, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ActivityWritesService } from '../activities/activity-writes.service';
import { SlotInputDto, UpdateActivityDto } from '../activities/dto/activity-commands.dto';
import { canSeePrison, Principal } from '../auth/principal';
import { DomainError, NotFoundError, RuleBrokenError } from '../common/errors/domain-errors';
import { RuleCode, ruleMessage } from '../common/messages/rule-message';
import type { FieldError } from '../common/http/validation';
import { StoredActivity, StoredSlot, ActivityImportRepository } from './activity-import.repository';
import { activityKey, ActivityRow, ActivityRowIssue, parseActivityFile } from './domain/activity-file';
import { ActivityImportDto, ActivityImportReportDto, ActivityImportRowDto } from './dto/activity-import.dto';

// The fields a catalogue row sets on an existing activity (kind cannot change; slots go through replaceSlots).
const FIELDS = [
  'name',
  'category',
  'description',
  'location',
  'capacity',
  'maxCapacity',
  'provider',
  'providerName',
  'securityLevels',
  'minAge',
  'maxAge',
  'requiresReferral',
  'runsOnPublicHolidays',
  'startDate',
  'endDate',
] as const;

/** Thrown to roll a dry run back after it has gone through the writes. */
class DryRunRollback extends Error {
  constructor(readonly report: ActivityImportReportDto) {
    super('dry run');
  }
}

/**
 * A prison's activity catalogue from a file, keyed by the activity's name within the prison. Every
 * change goes through ActivityWritesService (its DTO and its rules, its session regeneration), all in
 * one transaction: the apply commits it only if no row failed; the dry run always rolls it back.
 */
@Injectable()
export class ActivityImportService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly repo: ActivityImportRepository,
    private readonly writes: ActivityWritesService,
  ) {}

  async dryRun(prisonId: string, dto: ActivityImportDto, principal: Principal): Promise<ActivityImportReportDto> {
    await this.assertPrison(prisonId, principal);
    try {
      await this.txHost.withTransaction(async () => {
        throw new DryRunRollback(await this.run(prisonId, dto, principal, false));
      });
    } catch (e) {
      if (e instanceof DryRunRollback) return e.report;
      throw e;
    }
    throw new Error('unreachable');
  }

  async apply(prisonId: string, dto: ActivityImportDto, principal: Principal): Promise<ActivityImportReportDto> {
    await this.assertPrison(prisonId, principal);
    return this.txHost.withTransaction(async () => {
      const report = await this.run(prisonId, dto, principal, true);
      if (report.issues.length > 0) throw new RuleBrokenError(ruleMessage(RuleCode.IMPORT_FILE_HAS_ERRORS), { ...report, applied: false });
      return report;
    });
  }

  private async run(prisonId: string, dto: ActivityImportDto, principal: Principal, applied: boolean): Promise<ActivityImportReportDto> {
    await this.repo.lockPrison(prisonId);
    const { rows, issues } = parseActivityFile(dto.format, dto.content);
    const stored = await this.repo.findActivities(prisonId);
    const byKey = new Map<string, StoredActivity[]>();
    for (const a of stored) byKey.set(activityKey(a.name), [...(byKey.get(activityKey(a.name)) ?? []), a]);
    const seen = new Set<string>();
    const out: ActivityImportRowDto[] = [];
    for (const row of rows) {
      const name = row.dto.name;
      const matches = byKey.get(activityKey(name)) ?? [];
      matches.forEach((a) => seen.add(a.id));
      if (matches.length > 1) {
        issues.push({ line: row.line, name, field: 'name', code: 'AMBIGUOUS_NAME', value: String(matches.length) });
        continue;
      }
      const current = matches[0];
      if (current && current.kind !== row.dto.kind) {
        issues.push({ line: row.line, name, field: 'kind', code: 'KIND_CANNOT_CHANGE', value: current.kind });
        continue;
      }
      const rowIssues = await this.write(prisonId, row, current, principal, out);
      issues.push(...rowIssues);
    }
    issues.sort((a, b) => a.line - b.line);
    const missing = stored
      .filter((a) => !seen.has(a.id))
      .map((a) => ({ activityId: a.id, name: a.name, kind: a.kind, endDate: a.endDate }));
    const count = (action: string) => out.filter((r) => r.action === action).length;
    return {
      prisonId,
      applied,
      counts: {
        create: count('CREATE'),
        update: count('UPDATE'),
        unchanged: count('UNCHANGED'),
        missing: missing.length,
        errors: new Set(issues.map((i) => i.line)).size,
      },
      rows: out,
      missing,
      issues,
    };
  }

  /** One row through the activity write service, in a savepoint: a rule it breaks becomes the row's issue. */
  private async write(
    prisonId: string,
    row: ActivityRow,
    current: StoredActivity | undefined,
    principal: Principal,
    out: ActivityImportRowDto[],
  ): Promise<ActivityRowIssue[]> {
    const name = row.dto.name;
    const changes = current ? changedFields(row, current) : [];
    const slotsChange = current ? !sameSlots(row.dto.slots, current.slots) : false;
    try {
      await this.txHost.withTransaction(Propagation.Nested, async () => {
        if (!current) {
          const created = await this.writes.create(prisonId, row.dto, principal);
          out.push({ line: row.line, name, activityId: created.id, action: 'CREATE', changes: [] });
          return;
        }
        if (changes.length > 0) {
          const update: UpdateActivityDto = Object.fromEntries(changes.map((f) => [f, row.dto[f]]));
          await this.writes.update(current.id, update, principal);
        }
        // Slots are matched on weekday + half-day; a slot's staff member (not in the file) is kept.
        if (slotsChange) await this.writes.replaceSlots(current.id, keepStaff(row.dto.slots, current.slots), principal);
        const all = slotsChange ? [...changes, 'slots'] : [...changes];
        out.push({ line: row.line, name, activityId: current.id, action: all.length > 0 ? 'UPDATE' : 'UNCHANGED', changes: all });
      });
      return [];
    } catch (e) {
      if (!(e instanceof DomainError) || e instanceof NotFoundError) throw e;
      const fields = Array.isArray(e.details) ? (e.details as FieldError[]) : [];
      if (fields.length === 0) return [{ line: row.line, name, code: 'ACTIVITY_RULE', value: e.message }];
      return fields.map((f) => ({ line: row.line, name, field: f.field, code: 'ACTIVITY_RULE', value: f.messages.join('; ') }));
    }
  }

  private async assertPrison(prisonId: string, principal: Principal): Promise<void> {
    if (!canSeePrison(principal, prisonId) || !(await this.repo.prisonExists(prisonId))) throw new NotFoundError('Prison', prisonId);
  }
}

function changedFields(row: ActivityRow, a: StoredActivity): Array<(typeof FIELDS)[number]> {
  const d = row.dto;
  return FIELDS.filter((f) => {
    if (f === 'startDate' && !row.startDateGiven) return false;
    if (f === 'securityLevels') return [...d.securityLevels].sort().join('|') !== [...a.securityLevels].sort().join('|');
    return (d[f] ?? null) !== (a[f] ?? null);
  });
}

const slotKey = (s: { weekday: number; period: string; startTime?: string | null; endTime?: string | null }) =>
  `${s.weekday}|${s.period}|${s.startTime ?? ''}|${s.endTime ?? ''}`;

function sameSlots(wanted: SlotInputDto[], stored: StoredSlot[]): boolean {
  const a = wanted.map(slotKey).sort();
  const b = stored.map(slotKey).sort();
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

function keepStaff(wanted: SlotInputDto[], stored: StoredSlot[]): SlotInputDto[] {
  const staff = new Map(stored.map((s) => [`${s.weekday}|${s.period}`, s.staffMemberId]));
  return wanted.map((s) => ({ ...s, staffMemberId: staff.get(`${s.weekday}|${s.period}`) ?? null }));
}
