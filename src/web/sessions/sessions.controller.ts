import { Body, Get, Param, Post, Query, Redirect } from '@nestjs/common';
import { Audited } from '../../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../../auth/policy.decorators';
import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { statusForKind } from '../../common/errors/domain-exception.filter';
import { DomainError, InvalidInputError } from '../../common/errors/domain-errors';
import { RuleCode } from '../../common/messages/rule-message';
import { checkedIsoDate } from '../../common/http/date-window';
import { UuidParam } from '../../common/http/uuid-param';
import { field } from '../shared/forms';
import { fieldErrors, refusalText } from '../shared/task-errors';
import { queryString, Web } from '../shared/web-context';
import type { WebContext } from '../shared/web-context';
import { WebPageError } from '../shared/web-errors';
import { WebController } from '../shared/web-guards';
import { WEB_PREFIX } from '../shared/web-request';
import { SessionTasksService } from './session-tasks.service';
import { sessionsDayPage, SessionTaskPage, sessionTaskPage } from './sessions.page';

type RedirectTo = { url: string; statusCode: number };
const PLANNERS = [Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN];

/** Cancelling and restoring a session, and moving its prisoners to another session the same half-day. */
@WebController('sessions')
export class SessionTasksController {
  constructor(private readonly tasks: SessionTasksService) {}

  @Get()
  @Allow(...PLANNERS)
  async day(@Web() ctx: WebContext, @CurrentPrincipal() principal: Principal, @Query() q: Record<string, unknown>): Promise<string> {
    const date = queryString(q, 'date') ?? this.tasks.today();
    checkedIsoDate(date);
    const v = await this.tasks.day(principal, queryString(q, 'prisonId'), date);
    return sessionsDayPage(ctx, { ...v, date });
  }

  @Get(':id')
  @Allow(...PLANNERS)
  @Audited({ action: 'web.session-cancellation.read', subjectType: 'session' })
  async session(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Query() q: Record<string, unknown>,
  ): Promise<string> {
    const v = await this.tasks.detail(principal, id);
    const done = queryString(q, 'done');
    const moved = queryString(q, 'moved');
    let flash: string | undefined;
    if (done === 'cancelled') flash = ctx.t('sessions.cancelledDone');
    else if (done === 'uncancelled') flash = ctx.t('sessions.uncancelledDone');
    else if (moved) {
      const names = await this.tasks.movedNames(principal, moved, queryString(q, 'to'));
      if (names) flash = ctx.t('sessions.moved', names);
    }
    return sessionTaskPage(ctx, { ...v, flash });
  }

  @Post(':id/cancel')
  @Allow(...PLANNERS)
  @Redirect(WEB_PREFIX, 303)
  async cancel(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: unknown,
  ): Promise<RedirectTo> {
    // A refusal keeps the reason and note sent (an officer who then adds the note cancels for the reason chosen).
    const form = { reason: field(body, 'reason'), note: field(body, 'note') };
    await this.attempt(ctx, principal, id, () => this.tasks.cancel(principal, id, form.reason, form.note), undefined, form);
    return { url: `${WEB_PREFIX}/sessions/${id}?done=cancelled`, statusCode: 303 };
  }

  @Post(':id/uncancel')
  @Allow(...PLANNERS)
  @Redirect(WEB_PREFIX, 303)
  async uncancel(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: unknown,
  ): Promise<RedirectTo> {
    await this.attempt(ctx, principal, id, async () => {
      if (field(body, 'confirm') !== 'yes') throw new InvalidInputError('confirm must be yes');
      await this.tasks.uncancel(principal, id);
    });
    return { url: `${WEB_PREFIX}/sessions/${id}?done=uncancelled`, statusCode: 303 };
  }

  @Post(':id/move')
  @Allow(...PLANNERS)
  @Redirect(WEB_PREFIX, 303)
  async move(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Body() body: unknown,
  ): Promise<RedirectTo> {
    const prisonerId = field(body, 'prisonerId');
    const result = await this.attempt(
      ctx,
      principal,
      id,
      () => this.tasks.move(principal, id, prisonerId, field(body, 'toSessionId')),
      prisonerId,
    );
    return { url: `${WEB_PREFIX}/sessions/${id}?moved=${result.prisonerId}&to=${result.toSessionId}`, statusCode: 303 };
  }

  /** Runs a write; a refusal shows the session page again with the reason in the page's language, and its status. */
  private async attempt<T>(
    ctx: WebContext,
    principal: Principal,
    id: string,
    write: () => Promise<T>,
    focus?: string,
    form?: SessionTaskPage['form'],
  ): Promise<T> {
    try {
      return await write();
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const v = await this.tasks.detail(principal, id);
      // A field the form's own rules refused (a note over 500 characters) says so at the field; the service's
      // refusals (no note for "Other") have their own texts.
      const errors =
        e.rule?.rule === RuleCode.INVALID_FIELDS ? fieldErrors(ctx, e, { note: 'sessions.err.noteLong' }) : fieldErrors(ctx, e);
      const page = sessionTaskPage(ctx, { ...v, error: refusalText(ctx, e), fieldErrors: errors, form, focus });
      throw new WebPageError(page, statusForKind(e.kind));
    }
  }
}
