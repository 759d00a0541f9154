import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { DateTime } from 'luxon';
import { PrisonerDaysService } from '../activity-rate/prisoner-days.service';
import { notePrisonSeen } from '../audit/audit-context';
import { Principal } from '../auth/principal';
import { OSLO } from '../calendar/domain/oslo-time';
import { Clock } from '../common/clock';
import { ConflictError, RuleBrokenError } from '../common/errors/domain-errors';
import { RuleCode, ruleMessage } from '../common/messages/rule-message';
import { CustodyEventsRepository } from './custody-events.repository';
import { decideCustodyEvent, EventDecision } from './domain/custody-event';
import { CustodyEventAnswerDto, CustodyEventDto, CustodyEventType } from './dto/custody-event.dto';
import { IntakeRepository } from './intake.repository';

const CUSTODY_TYPES = [CustodyEventType.RECEIVED, CustodyEventType.TRANSFERRED, CustodyEventType.RELEASED];
const DETAIL_TYPES = [CustodyEventType.RECEIVED, CustodyEventType.DETAILS_CHANGED];

// The rule code of each rejection code of the answer (the answer keeps its own code, the API's contract);
// the API's English `message` comes from the rule code (english-rule.ts).
const REJECTIONS: Record<string, RuleCode> = {
  OUT_OF_ORDER: RuleCode.EVENT_OUT_OF_ORDER,
  STALE_DETAILS: RuleCode.EVENT_STALE_DETAILS,
  DATE_IN_FUTURE: RuleCode.EVENT_DATE_IN_FUTURE,
  UNKNOWN_PRISON: RuleCode.EVENT_UNKNOWN_PRISON,
  UNKNOWN_UNIT: RuleCode.EVENT_UNKNOWN_UNIT,
  PRISON_AND_UNIT_REQUIRED: RuleCode.EVENT_PRISON_AND_UNIT_REQUIRED,
  DETAILS_REQUIRED: RuleCode.EVENT_DETAILS_REQUIRED,
  ALREADY_HELD: RuleCode.EVENT_ALREADY_HELD,
  BEFORE_LAST_RELEASE: RuleCode.EVENT_BEFORE_LAST_RELEASE,
  UNKNOWN_PRISONER: RuleCode.EVENT_UNKNOWN_PRISONER,
  NOT_HELD: RuleCode.EVENT_NOT_HELD,
  NOT_AFTER_ARRIVAL: RuleCode.EVENT_NOT_AFTER_ARRIVAL,
  SAME_PRISON: RuleCode.EVENT_SAME_PRISON,
};

/**
 * Custody events from a prison record system. Each event id is applied at most once: its answer is stored
 * with it and given again for a repeat (a repeat with a different content is a conflict). Events of one
 * prisoner are serialised; one older than the last applied custody event is rejected (OUT_OF_ORDER).
 */
@Injectable()
export class CustodyEventsService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly events: CustodyEventsRepository,
    private readonly intake: IntakeRepository,
    private readonly prisonerDays: PrisonerDaysService,
    private readonly clock: Clock,
  ) {}

  async receive(dto: CustodyEventDto, principal: Principal): Promise<CustodyEventAnswerDto> {
    const payloadHash = createHash('sha256')
      .update(JSON.stringify(canonical(dto)))
      .digest('hex');
    const occurred = DateTime.fromISO(dto.occurredAt, { setZone: true });
    const date = occurred.setZone(OSLO).toISODate() as string;
    const outcome = await this.txHost.withTransaction(async () => {
      await this.events.lockPrisonerNumber(dto.prisonerNumber);
      // The prisoner's row too, before deciding: a move of the same prisoner under way (it holds that row)
      // commits first, and the event is decided on the custody it left, not on the stay it just closed.
      await this.intake.lockPrisonerByNumber(dto.prisonerNumber);
      const earlier = await this.events.find(dto.eventId);
      if (earlier) {
        if (earlier.payloadHash !== payloadHash)
          throw new ConflictError(ruleMessage(RuleCode.EVENT_ID_REUSED), { code: 'EVENT_ID_REUSED' });
        return { statusCode: earlier.statusCode, answer: earlier.answer as unknown as CustodyEventAnswerDto, prisonId: null };
      }
      const decision = await this.decide(dto, date, occurred);
      let answer: CustodyEventAnswerDto;
      if (decision.kind === 'REJECT') {
        answer = { eventId: dto.eventId, status: 'REJECTED', code: decision.code, ...(decision.params ? { params: decision.params } : {}) };
      } else {
        const ids = await this.intake.applyPopulation(decision.prisonId ?? '00000000-0000-0000-0000-000000000000', decision.writes);
        const prisonerId = ids.get(dto.prisonerNumber) ?? (await this.intake.findStored(null, [dto.prisonerNumber], date))[0]?.id;
        if (decision.refreshFrom && prisonerId) {
          await this.prisonerDays.daysChanged({ prisonerIds: [prisonerId], from: decision.refreshFrom, to: '9999-12-31' });
        }
        answer = { eventId: dto.eventId, status: 'APPLIED', prisonerId, ...(decision.alreadyRecorded ? { alreadyRecorded: true } : {}) };
      }
      const statusCode = decision.kind === 'REJECT' ? 422 : 200;
      await this.events.record({
        eventId: dto.eventId,
        clientUserId: principal.userId,
        type: dto.type,
        prisonerNumber: dto.prisonerNumber,
        occurredAt: occurred.toISO() as string,
        payloadHash,
        applied: decision.kind === 'APPLY' && !decision.alreadyRecorded,
        statusCode,
        answer,
      });
      return { statusCode, answer, prisonId: decision.kind === 'APPLY' ? decision.prisonId : null };
    });
    // The audit event of the request is filed under the prison whose custody changed.
    if (outcome.prisonId) notePrisonSeen(outcome.prisonId);
    if (outcome.statusCode !== 200) {
      const code = outcome.answer.code ?? 'REJECTED';
      throw new RuleBrokenError(ruleMessage(REJECTIONS[code] ?? RuleCode.EVENT_REJECTED, outcome.answer.params ?? {}), outcome.answer);
    }
    return outcome.answer;
  }

  private async decide(dto: CustodyEventDto, date: string, occurred: DateTime): Promise<EventDecision> {
    if (occurred > this.clock.now().plus({ minutes: 5 })) return { kind: 'REJECT', code: 'DATE_IN_FUTURE' };
    const isCustody = CUSTODY_TYPES.includes(dto.type);
    const latest = await this.events.latestApplied(dto.prisonerNumber, isCustody ? CUSTODY_TYPES : DETAIL_TYPES);
    if (latest && occurred < DateTime.fromISO(latest)) {
      return { kind: 'REJECT', code: isCustody ? 'OUT_OF_ORDER' : 'STALE_DETAILS', params: { lastAppliedAt: latest } };
    }
    let prisonId: string | undefined;
    let unitId: string | undefined;
    if (dto.prisonCode !== undefined) {
      prisonId = await this.events.findPrisonByCode(dto.prisonCode);
      if (!prisonId) return { kind: 'REJECT', code: 'UNKNOWN_PRISON', params: { prisonCode: dto.prisonCode } };
      if (dto.unit !== undefined) {
        const key = dto.unit.trim().toLowerCase();
        unitId = (await this.intake.findUnits(prisonId)).find((u) => u.name.trim().toLowerCase() === key || u.id === key)?.id;
        if (!unitId) return { kind: 'REJECT', code: 'UNKNOWN_UNIT', params: { unit: dto.unit } };
      }
    }
    const [stored] = await this.intake.findStored(null, [dto.prisonerNumber], date);
    return decideCustodyEvent(
      { type: dto.type, prisonerNumber: dto.prisonerNumber, date, prisonId, unitId, details: { ...dto.details } },
      stored,
      this.clock.today(),
    );
  }
}

// The event's content in a fixed key order, so a repeat hashes the same whatever order its JSON had.
function canonical(dto: CustodyEventDto): unknown {
  const d = dto.details ?? {};
  return [
    dto.eventId,
    dto.type,
    dto.occurredAt,
    dto.prisonerNumber,
    dto.prisonCode ?? null,
    dto.unit ?? null,
    Object.keys(d)
      .sort()
      .map((k) => [k, (d as Record<string, unknown>)[k] ?? null]),
  ];
}
