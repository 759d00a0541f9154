import { Body, Get, Param, Post, Query, Redirect } from '@nestjs/common';
import { Allow } from '../../auth/policy.decorators';
import { Role } from '../../auth/roles';
import { statusForKind } from '../../common/errors/domain-exception.filter';
import { DomainError } from '../../common/errors/domain-errors';
import { UuidParam } from '../../common/http/uuid-param';
import {
  CreatePrisonDto,
  CreateRegionDto,
  CreateStaffMemberDto,
  CreateUnitDto,
  UpdatePrisonDto,
  UpdateRegionDto,
  UpdateStaffMemberDto,
  UpdateUnitDto,
} from '../../org-admin/dto/org-admin.dto';
import { OrgAdminService } from '../../org-admin/org-admin.service';
import { CreateUserDto, UpdateUserDto } from '../../users/dto/user.dto';
import { UsersService } from '../../users/users.service';
import { field, validateAs } from '../shared/forms';
import type { MessageKey } from '../shared/i18n';
import { queryString, Web } from '../shared/web-context';
import type { WebContext } from '../shared/web-context';
import { WebPageError } from '../shared/web-errors';
import { WebController } from '../shared/web-guards';
import { ACTIVE_FORM, ADMIN, FormState, prisonPage, prisonsPage, regionsPage, staffPage, usersPage } from './admin.page';

type RedirectTo = { url: string; statusCode: number };
type FormBody = Record<string, unknown>;
type Ctor<T> = new () => T;

/** A repeated form field (checkboxes) as a list of strings. */
function fieldList(body: unknown, name: string): string[] {
  const v = (body as FormBody | undefined)?.[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

const optional = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);
const int = (v: string | undefined) => (v !== undefined && /^\d{1,6}$/.test(v.trim()) ? Number(v) : v);
const regimeOf = (body: unknown) => ({
  amStart: field(body, 'amStart'),
  amEnd: field(body, 'amEnd'),
  pmStart: field(body, 'pmStart'),
  pmEnd: field(body, 'pmEnd'),
});
// The form has the regime's four times beside the prison's fields; the DTO nests them.
const withoutRegime = <T extends Record<string, unknown>>(values: T) => {
  const { amStart: _a, amEnd: _b, pmStart: _c, pmEnd: _d, ...rest } = values;
  return rest;
};
/** The prison form's fields as typed (shown again on a refusal), for creating and editing alike. */
const prisonFormValues = (body: unknown) => ({
  code: field(body, 'code'),
  name: field(body, 'name'),
  regionId: field(body, 'regionId'),
  securityLevel: field(body, 'securityLevel'),
  capacity: field(body, 'capacity'),
  ...regimeOf(body),
});
/** What the prison DTOs validate: the typed fields with the capacity as a number and the day regime nested. */
const prisonPlain = (values: ReturnType<typeof prisonFormValues>, body: unknown) => ({
  ...withoutRegime(values),
  capacity: int(values.capacity),
  dayRegime: regimeOf(body),
});
const activeOf = (body: unknown) => (field(body, 'active') === 'true' ? true : field(body, 'active') === 'false' ? false : undefined);
const done = (url: string, flash: string): RedirectTo => ({ url: `${url}?done=${encodeURIComponent(flash)}`, statusCode: 303 });

/** Flash texts after a redirect: one of these codes with the name it concerns (escaped like every value). */
const FLASH: Record<string, MessageKey> = { created: 'admin.created', deactivated: 'admin.deactivated', reactivated: 'admin.reactivated' };

/**
 * Organisation administration pages (national administrators), on the same service and validation
 * as the API (src/org-admin). Every form is post/redirect/get; a refused form comes back with its
 * values and the reasons, with the status the API would answer.
 */
@WebController('admin')
@Allow(Role.NATIONAL_ADMIN)
export class AdminPagesController {
  constructor(
    private readonly orgAdmin: OrgAdminService,
    private readonly users: UsersService,
  ) {}

  @Get()
  async regions(@Web() ctx: WebContext, @Query() q: FormBody): Promise<string> {
    return this.regionsView(ctx, this.flash(ctx, q));
  }

  @Post('regions')
  @Redirect(ADMIN, 303)
  async createRegion(@Web() ctx: WebContext, @Body() body: unknown): Promise<RedirectTo> {
    const values = { code: field(body, 'code'), name: field(body, 'name') };
    const dto = await this.valid(ctx, CreateRegionDto, values, 'region', (state) => this.regionsView(ctx, state));
    const region = await this.attempt(
      ctx,
      'region',
      values,
      () => this.orgAdmin.createRegion(dto),
      (state) => this.regionsView(ctx, state),
    );
    return done(ADMIN, `created:${region.name}`);
  }

  @Post('regions/:id/active')
  @Redirect(ADMIN, 303)
  async regionActive(@Web() ctx: WebContext, @Param('id', UuidParam) id: string, @Body() body: unknown): Promise<RedirectTo> {
    const render = (state: FormState) => this.regionsView(pageCtx(ctx, ADMIN), state);
    const dto = await this.valid(ctx, UpdateRegionDto, { active: activeOf(body) }, ACTIVE_FORM, render, { id });
    const region = await this.attempt(ctx, ACTIVE_FORM, { id }, () => this.orgAdmin.updateRegion(id, dto), render);
    return done(ADMIN, `${region.active ? 'reactivated' : 'deactivated'}:${region.name}`);
  }

  @Get('prisons')
  async prisons(@Web() ctx: WebContext, @Query() q: FormBody): Promise<string> {
    return prisonsPage(ctx, await this.orgAdmin.listPrisons(), await this.orgAdmin.listRegions(), this.flash(ctx, q));
  }

  @Post('prisons')
  @Redirect(ADMIN, 303)
  async createPrison(@Web() ctx: WebContext, @Body() body: unknown): Promise<RedirectTo> {
    const values = prisonFormValues(body);
    const render = async (state: FormState) =>
      prisonsPage(ctx, await this.orgAdmin.listPrisons(), await this.orgAdmin.listRegions(), state);
    const dto = await this.valid(ctx, CreatePrisonDto, prisonPlain(values, body), 'prison', render, values);
    const prison = await this.attempt(ctx, 'prison', values, () => this.orgAdmin.createPrison(dto), render);
    return done(`${ADMIN}/prisons/${prison.id}`, `created:${prison.name}`);
  }

  @Get('prisons/:id')
  async prison(@Web() ctx: WebContext, @Param('id', UuidParam) id: string, @Query() q: FormBody): Promise<string> {
    return this.prisonView(ctx, id, this.flash(ctx, q));
  }

  @Post('prisons/:id')
  @Redirect(ADMIN, 303)
  async updatePrison(@Web() ctx: WebContext, @Param('id', UuidParam) id: string, @Body() body: unknown): Promise<RedirectTo> {
    const active = activeOf(body);
    const values = prisonFormValues(body);
    const render = (state: FormState) => this.prisonView(ctx, id, state);
    // The deactivate/reactivate button posts only `active`; the edit form posts the rest.
    const plain = active !== undefined ? { active } : prisonPlain(values, body);
    const [form, shown] = active !== undefined ? [ACTIVE_FORM, { id }] : ['edit', values];
    const dto = await this.valid(ctx, UpdatePrisonDto, plain, form, render, shown);
    const prison = await this.attempt(ctx, form, shown, () => this.orgAdmin.updatePrison(id, dto), render);
    const flash = active === undefined ? 'saved' : `${prison.active ? 'reactivated' : 'deactivated'}:${prison.name}`;
    return done(`${ADMIN}/prisons/${id}`, flash);
  }

  @Post('prisons/:id/units')
  @Redirect(ADMIN, 303)
  async createUnit(@Web() ctx: WebContext, @Param('id', UuidParam) id: string, @Body() body: unknown): Promise<RedirectTo> {
    const values = { name: field(body, 'name'), securityLevel: field(body, 'securityLevel'), capacity: field(body, 'capacity') };
    const render = (state: FormState) => this.prisonView(ctx, id, state);
    const dto = await this.valid(ctx, CreateUnitDto, { ...values, capacity: int(values.capacity) }, 'unit', render, values);
    const unit = await this.attempt(ctx, 'unit', values, () => this.orgAdmin.createUnit(id, dto), render);
    return done(`${ADMIN}/prisons/${id}`, `created:${unit.name}`);
  }

  @Post('units/:id/active')
  @Redirect(ADMIN, 303)
  async unitActive(@Web() ctx: WebContext, @Param('id', UuidParam) id: string, @Body() body: unknown): Promise<RedirectTo> {
    // The page to show a refusal on is the unit's prison page (also the page its language link leads to).
    const render = async (state: FormState) => {
      const prisonId = await this.orgAdmin.prisonOfUnit(id);
      return prisonId
        ? this.prisonView(pageCtx(ctx, `${ADMIN}/prisons/${prisonId}`), prisonId, state)
        : regionsPage(pageCtx(ctx, ADMIN), await this.orgAdmin.listRegions(), state);
    };
    const dto = await this.valid(ctx, UpdateUnitDto, { active: activeOf(body) }, ACTIVE_FORM, render, { id });
    const unit = await this.attempt(ctx, ACTIVE_FORM, { id }, () => this.orgAdmin.updateUnit(id, dto), render);
    return done(`${ADMIN}/prisons/${unit.prisonId}`, `${unit.active ? 'reactivated' : 'deactivated'}:${unit.name}`);
  }

  @Get('staff')
  async staff(@Web() ctx: WebContext, @Query() q: FormBody): Promise<string> {
    return staffPage(ctx, await this.orgAdmin.listStaff(), await this.orgAdmin.listPrisons(), this.flash(ctx, q));
  }

  @Post('staff')
  @Redirect(ADMIN, 303)
  async createStaff(@Web() ctx: WebContext, @Body() body: unknown): Promise<RedirectTo> {
    const values = {
      firstName: field(body, 'firstName'),
      lastName: field(body, 'lastName'),
      roles: fieldList(body, 'roles'),
      employer: field(body, 'employer'),
      employerName: field(body, 'employerName'),
      email: field(body, 'email'),
      prisonIds: fieldList(body, 'prisonIds'),
    };
    const render = async (state: FormState) => staffPage(ctx, await this.orgAdmin.listStaff(), await this.orgAdmin.listPrisons(), state);
    const plain = { ...values, employerName: optional(values.employerName), email: optional(values.email) };
    const dto = await this.valid(ctx, CreateStaffMemberDto, plain, 'staff', render, values);
    const staff = await this.attempt(ctx, 'staff', values, () => this.orgAdmin.createStaffMember(dto), render);
    return done(`${ADMIN}/staff`, `created:${staff.firstName} ${staff.lastName}`);
  }

  @Post('staff/:id/active')
  @Redirect(ADMIN, 303)
  async staffActive(@Web() ctx: WebContext, @Param('id', UuidParam) id: string, @Body() body: unknown): Promise<RedirectTo> {
    const render = async (state: FormState) => staffPage(ctx, await this.orgAdmin.listStaff(), await this.orgAdmin.listPrisons(), state);
    const dto = await this.valid(ctx, UpdateStaffMemberDto, { active: activeOf(body) }, ACTIVE_FORM, render, { id });
    const staff = await this.attempt(ctx, ACTIVE_FORM, { id }, () => this.orgAdmin.updateStaffMember(id, dto), render);
    return done(`${ADMIN}/staff`, `${staff.active ? 'reactivated' : 'deactivated'}:${staff.firstName} ${staff.lastName}`);
  }

  @Get('users')
  async usersList(@Web() ctx: WebContext, @Query() q: FormBody): Promise<string> {
    return usersPage(ctx, await this.orgAdmin.listUsers(), await this.orgAdmin.listStaff(), this.flash(ctx, q));
  }

  @Post('users')
  @Redirect(ADMIN, 303)
  async createUser(@Web() ctx: WebContext, @Body() body: unknown): Promise<RedirectTo> {
    // The password is never sent back into the form.
    const values = { username: field(body, 'username'), staffMemberId: field(body, 'staffMemberId'), roles: fieldList(body, 'roles') };
    const render = async (state: FormState) => usersPage(ctx, await this.orgAdmin.listUsers(), await this.orgAdmin.listStaff(), state);
    const plain = { ...values, staffMemberId: optional(values.staffMemberId), password: field(body, 'password') };
    const dto = await this.valid(ctx, CreateUserDto, plain, 'user', render, values);
    const user = await this.attempt(ctx, 'user', values, () => this.users.create(dto), render);
    return done(`${ADMIN}/users`, `created:${user.username}`);
  }

  @Post('users/:id/active')
  @Redirect(ADMIN, 303)
  async userActive(@Web() ctx: WebContext, @Param('id', UuidParam) id: string, @Body() body: unknown): Promise<RedirectTo> {
    const render = async (state: FormState) => usersPage(ctx, await this.orgAdmin.listUsers(), await this.orgAdmin.listStaff(), state);
    const dto = await this.valid(ctx, UpdateUserDto, { active: activeOf(body) }, ACTIVE_FORM, render, { id });
    const user = await this.attempt(ctx, ACTIVE_FORM, { id }, () => this.users.update(id, dto), render);
    return done(`${ADMIN}/users`, `${user.active ? 'reactivated' : 'deactivated'}:${user.username}`);
  }

  private async prisonView(ctx: WebContext, id: string, state: FormState): Promise<string> {
    const { prison, units } = await this.orgAdmin.prisonWithUnits(id);
    return prisonPage(ctx, prison, units, await this.orgAdmin.listRegions(), state);
  }

  private async regionsView(ctx: WebContext, state: FormState): Promise<string> {
    return regionsPage(ctx, await this.orgAdmin.listRegions(), state);
  }

  private flash(ctx: WebContext, q: FormBody): FormState {
    const raw = queryString(q, 'done');
    if (!raw) return {};
    if (raw === 'saved') return { flash: ctx.t('admin.saved') };
    const [code, ...rest] = raw.split(':');
    const key = FLASH[code];
    return key ? { flash: ctx.t(key, { name: rest.join(':') }) } : {};
  }

  /** The form's values checked by the API's DTO; a refusal renders the page again with the reasons (400). */
  private async valid<T extends object>(
    _ctx: WebContext,
    cls: Ctor<T>,
    plain: Record<string, unknown>,
    form: string,
    render: (state: FormState) => Promise<string>,
    shown: Record<string, string | string[] | undefined> = {},
  ): Promise<T> {
    const checked = validateAs(cls, plain);
    if (checked.value) return checked.value;
    throw new WebPageError(await render({ form, values: clean(shown), errors: checked.errors }), 400);
  }

  /** Runs the use case; a domain refusal renders the page again with its translated reason and the API's status. */
  private async attempt<T>(
    ctx: WebContext,
    form: string,
    shown: Record<string, string | string[] | undefined>,
    run: () => Promise<T>,
    render: (state: FormState) => Promise<string>,
  ): Promise<T> {
    try {
      return await run();
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      const details = (e.details ?? {}) as { code?: string; held?: number };
      const code =
        details.code ?? (e.kind === 'NOT_FOUND' ? 'NOT_FOUND' : e.kind === 'CONFLICT' && form === 'user' ? 'USERNAME_TAKEN' : undefined);
      const message = code ? ctx.t(`admin.err.${code}` as MessageKey, { held: details.held ?? 0 }) : e.message;
      throw new WebPageError(await render({ form, values: clean(shown), errors: [message] }), statusForKind(e.kind));
    }
  }
}

/** The page context with the address of the page shown (a refusal of a post is shown on that GET page). */
const pageCtx = (ctx: WebContext, url: string): WebContext => ({ ...ctx, url });

function clean(values: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) out[k] = v;
  return out;
}
