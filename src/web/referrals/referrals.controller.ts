import { Body, Get, Param, Post, Query, Redirect } from '@nestjs/common';
import { Audited } from '../../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../../auth/policy.decorators';
import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { statusForKind } from '../../common/errors/domain-exception.filter';
import { DomainError } from '../../common/errors/domain-errors';
import { UuidParam } from '../../common/http/uuid-param';
import { ReferralStatus } from '../../referrals/referral.enums';
import { field } from '../shared/forms';
import { refusalText } from '../shared/task-errors';
import { queryString, Web } from '../shared/web-context';
import type { WebContext } from '../shared/web-context';
import { WebPageError } from '../shared/web-errors';
import { WebController } from '../shared/web-guards';
import { WEB_PREFIX } from '../shared/web-request';
import { ReferralTasksService } from './referral-tasks.service';
import { ReferralsPage, referralsPage } from './referrals.page';

type RedirectTo = { url: string; statusCode: number };
const OFFICERS = [Role.OFFICER, Role.MANAGER, Role.NATIONAL_ADMIN];
const DONE: Record<string, { status: ReferralStatus; key: 'ref.created' | 'ref.approved' | 'ref.declined' | 'ref.allocated' }> = {
  created: { status: ReferralStatus.PENDING, key: 'ref.created' },
  approved: { status: ReferralStatus.APPROVED, key: 'ref.approved' },
  declined: { status: ReferralStatus.DECLINED, key: 'ref.declined' },
  allocated: { status: ReferralStatus.ALLOCATED, key: 'ref.allocated' },
};

/** Referrals and waiting lists: create, approve, decline, allocate from the list. */
@WebController('referrals')
export class ReferralTasksController {
  constructor(private readonly tasks: ReferralTasksService) {}

  @Get()
  @Allow(...OFFICERS)
  @Audited({ action: 'web.referrals.read', subjectType: 'activity' })
  async list(@Web() ctx: WebContext, @CurrentPrincipal() principal: Principal, @Query() q: Record<string, unknown>): Promise<string> {
    const v = await this.tasks.view(principal, queryString(q, 'prisonId'), queryString(q, 'activityId'));
    const done = DONE[queryString(q, 'done') ?? ''];
    const ref = queryString(q, 'ref');
    let flash: string | undefined;
    if (done && ref && v.activity) {
      const r = await this.tasks.find(principal, v.activity.id, ref, done.status);
      if (r) flash = ctx.t(done.key, { name: `${r.lastName}, ${r.firstName}`, activity: v.activity.name });
    }
    return referralsPage(ctx, { ...v, flash });
  }

  @Post('activities/:activityId/referrals')
  @Allow(...OFFICERS)
  @Redirect(WEB_PREFIX, 303)
  async create(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('activityId', UuidParam) activityId: string,
    @Body() body: unknown,
  ): Promise<RedirectTo> {
    const r = await this.attempt(ctx, principal, activityId, () =>
      this.tasks.create(principal, activityId, field(body, 'prisonerNumber'), field(body, 'requestedBy'), field(body, 'note')),
    );
    return this.back(r.prisonId, activityId, 'created', r.id);
  }

  @Post('activities/:activityId/referrals/:id/approve')
  @Allow(...OFFICERS)
  @Redirect(WEB_PREFIX, 303)
  async approve(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('activityId', UuidParam) activityId: string,
    @Param('id', UuidParam) id: string,
  ): Promise<RedirectTo> {
    const r = await this.attempt(ctx, principal, activityId, () => this.tasks.approve(principal, id));
    return this.back(r.prisonId, activityId, 'approved', r.id);
  }

  @Post('activities/:activityId/referrals/:id/decline')
  @Allow(...OFFICERS)
  @Redirect(WEB_PREFIX, 303)
  async decline(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('activityId', UuidParam) activityId: string,
    @Param('id', UuidParam) id: string,
    @Body() body: unknown,
  ): Promise<RedirectTo> {
    const note = field(body, 'note');
    const r = await this.attempt(
      ctx,
      principal,
      activityId,
      () => this.tasks.decline(principal, id, note),
      (e) => ({
        referralId: id,
        note,
        noteError: declineNoteError(ctx, e),
      }),
    );
    return this.back(r.prisonId, activityId, 'declined', r.id);
  }

  @Post('activities/:activityId/referrals/:id/allocate')
  @Allow(...OFFICERS)
  @Redirect(WEB_PREFIX, 303)
  async allocate(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('activityId', UuidParam) activityId: string,
    @Param('id', UuidParam) id: string,
    @Body() body: unknown,
  ): Promise<RedirectTo> {
    const pattern = field(body, 'pattern');
    const r = await this.attempt(
      ctx,
      principal,
      activityId,
      () => this.tasks.allocate(principal, activityId, id, pattern, field(body, 'startDate')),
      () => ({ referralId: id, pattern }),
    );
    return this.back(r.prisonId, activityId, 'allocated', r.id);
  }

  private back(prisonId: string, activityId: string, done: string, ref: string): RedirectTo {
    return { url: `${WEB_PREFIX}/referrals?prisonId=${prisonId}&activityId=${activityId}&done=${done}&ref=${ref}`, statusCode: 303 };
  }

  private async attempt<T>(
    ctx: WebContext,
    principal: Principal,
    activityId: string,
    write: () => Promise<T>,
    refused?: (e: DomainError) => ReferralsPage['refused'],
  ): Promise<T> {
    try {
      return await write();
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const v = await this.tasks.view(principal, undefined, activityId).catch(() => undefined);
      if (!v) throw e; // the activity itself is not visible: the plain 404 page
      throw new WebPageError(referralsPage(ctx, { ...v, error: refusalText(ctx, e), refused: refused?.(e) }), statusForKind(e.kind));
    }
  }
}

/** Why the form refused a decline's reason, at the field: missing, or too long. */
function declineNoteError(ctx: WebContext, e: DomainError): string | undefined {
  const details = Array.isArray(e.details) ? (e.details as Array<{ field?: unknown; messages?: unknown }>) : [];
  const note = details.find((d) => d?.field === 'note');
  if (!note) return undefined;
  const long = Array.isArray(note.messages) && note.messages.includes('maxLength');
  return ctx.t(long ? 'ref.err.declineNoteLong' : 'ref.err.declineNote');
}
