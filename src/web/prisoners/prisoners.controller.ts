import { Body, Get, Param, Post, Query, Redirect } from '@nestjs/common';
import { Audited } from '../../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../../auth/policy.decorators';
import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { isoWeekOf, parseIsoWeek } from '../../calendar/domain/iso-week';
import { addDays } from '../../calendar/domain/oslo-time';
import { statusForKind } from '../../common/errors/domain-exception.filter';
import { DomainError } from '../../common/errors/domain-errors';
import { RuleCode } from '../../common/messages/rule-message';
import { UuidParam } from '../../common/http/uuid-param';
import { formatDate } from '../shared/format';
import { field } from '../shared/forms';
import { codeLabel } from '../shared/i18n';
import { fieldErrors, refusalText } from '../shared/task-errors';
import { queryString, Web } from '../shared/web-context';
import type { WebContext } from '../shared/web-context';
import { WebPageError } from '../shared/web-errors';
import { WebController } from '../shared/web-guards';
import { WEB_PREFIX } from '../shared/web-request';
import { PrisonerTasksService } from './prisoner-tasks.service';
import { prisonerPage, PrisonerPageView, prisonerSearchPage } from './prisoners.page';

type RedirectTo = { url: string; statusCode: number };
// Not teachers: a prisoner's whole week and unavailability are officers' business (teachers see their class lists only).
const OFFICERS = [Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN];
const FORM_FIELDS = ['kind', 'fromDate', 'toDate', 'period', 'note'] as const;

/** Find a prisoner; their week and recent days with reasons; record and end unavailability. */
@WebController('prisoners')
export class PrisonerTasksController {
  constructor(private readonly tasks: PrisonerTasksService) {}

  @Get()
  @Allow(...OFFICERS)
  // Names, numbers and units of the prison's population: audited like the API's GET /prisoners (prisoner.list).
  @Audited({ action: 'web.prisoner.list', subjectType: 'prisoner' })
  async search(@Web() ctx: WebContext, @CurrentPrincipal() principal: Principal, @Query() q: Record<string, unknown>): Promise<string> {
    const search = queryString(q, 'search')?.trim();
    return prisonerSearchPage(ctx, await this.tasks.search(principal, queryString(q, 'prisonId'), search || undefined));
  }

  @Get(':id')
  @Allow(...OFFICERS)
  @Audited({ action: 'web.prisoner.week.read', subjectType: 'prisoner', subjectIsPrisoner: true })
  async prisoner(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Query() q: Record<string, unknown>,
  ): Promise<string> {
    const view = await this.view(principal, id, queryString(q, 'week'));
    const added = queryString(q, 'added');
    const ended = queryString(q, 'ended');
    const flashOf = (key: 'unavail.added' | 'unavail.ended', kind: string | undefined) =>
      ctx.t(key, {
        kind: codeLabel(ctx.lang, 'unavail', kind ?? ''),
        from: formatDate(queryString(q, 'from') ?? ''),
        to: formatDate(queryString(q, 'to') ?? ''),
      });
    const flash = added ? flashOf('unavail.added', added) : ended ? flashOf('unavail.ended', ended) : undefined;
    return prisonerPage(ctx, { ...view, flash });
  }

  @Post(':id/unavailability')
  @Allow(...OFFICERS)
  @Redirect(WEB_PREFIX, 303)
  async record(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: unknown,
  ): Promise<RedirectTo> {
    const form = Object.fromEntries(FORM_FIELDS.map((f) => [f, field(body, f)]));
    try {
      const e = await this.tasks.create(principal, id, form);
      return {
        url: `${WEB_PREFIX}/prisoners/${id}?week=${isoWeekOf(e.fromDate)}&added=${e.kind}&from=${e.fromDate}&to=${e.toDate}`,
        statusCode: 303,
      };
    } catch (e) {
      throw await this.refused(ctx, principal, id, e, form);
    }
  }

  @Post(':id/unavailability/:entryId/end')
  @Allow(...OFFICERS)
  @Redirect(WEB_PREFIX, 303)
  async end(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Param('entryId', UuidParam) entryId: string,
  ): Promise<RedirectTo> {
    try {
      const e = await this.tasks.end(principal, id, entryId);
      return { url: `${WEB_PREFIX}/prisoners/${id}?ended=${e.kind}&from=${e.fromDate}&to=${e.toDate}`, statusCode: 303 };
    } catch (e) {
      throw await this.refused(ctx, principal, id, e);
    }
  }

  private async view(principal: Principal, id: string, weekParam: string | undefined): Promise<PrisonerPageView> {
    const prisoner = await this.tasks.prisoner(principal, id);
    const week = this.tasks.weekOrThis(weekParam);
    const today = this.tasks.today();
    const { monday } = parseIsoWeek(week);
    const previousWeek = isoWeekOf(addDays(monday, -7));
    const from = addDays(monday, -7);
    const entries = await this.tasks.entries(principal, id, from < today ? from : today);
    return {
      prisoner,
      week: await this.tasks.week(principal, prisoner, week, entries),
      previous: await this.tasks.week(principal, prisoner, previousWeek, entries),
      upcoming: entries.filter((e) => e.toDate >= today),
      today,
    };
  }

  private async refused(ctx: WebContext, principal: Principal, id: string, e: unknown, form?: Record<string, string | undefined>) {
    if (!(e instanceof DomainError)) return e;
    const view = await this.view(principal, id, undefined);
    // The service names the fields it refuses (details); each gets its reason at the field.
    // A field the form's own rules refused (a date out of range, a note too long) says so at the field; the
    // service's refusals (a last day before the first, no note for "Other") have their own texts.
    const errors =
      e.rule?.rule === RuleCode.INVALID_FIELDS
        ? fieldErrors(ctx, e, { fromDate: 'unavail.err.date', toDate: 'unavail.err.date', note: 'unavail.err.noteLong' })
        : fieldErrors(ctx, e, { toDate: 'unavail.err.toDate', note: 'unavail.err.note' });
    return new WebPageError(prisonerPage(ctx, { ...view, error: refusalText(ctx, e), form, fieldErrors: errors }), statusForKind(e.kind));
  }
}
