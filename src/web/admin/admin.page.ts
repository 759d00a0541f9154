import { Role } from '../../auth/roles';
import type { UserDto } from '../../users/dto/user.dto';
import type { PrisonDto, RegionDto, UnitDto } from '../../organisation/dto/organisation.dto';
import { SecurityLevel } from '../../organisation/organisation.enums';
import type { StaffMemberAdminDto } from '../../org-admin/dto/org-admin.dto';
import { Employer, StaffRole } from '../../staff/staff.enums';
import { attr, html, SafeHtml } from '../shared/html';
import { codeLabel } from '../shared/i18n';
import { csrfField, layout, notice } from '../shared/layout';
import type { WebContext } from '../shared/web-context';
import { WEB_PREFIX } from '../shared/web-request';

export const ADMIN = `${WEB_PREFIX}/admin`;

/** What the user typed (kept when a form comes back with errors) and what went wrong. */
export interface FormState {
  /** Which form on the page the state belongs to. */
  form?: string;
  values?: Record<string, string | string[]>;
  errors?: string[];
  flash?: string;
}

/** The state of a refused deactivate/reactivate button (values: the id of the row it belongs to). */
export const ACTIVE_FORM = 'active';

const TABS = [
  { href: ADMIN, key: 'admin.regions' },
  { href: `${ADMIN}/prisons`, key: 'admin.prisons' },
  { href: `${ADMIN}/staff`, key: 'admin.staff' },
  { href: `${ADMIN}/users`, key: 'admin.users' },
] as const;

/**
 * A refusal where the eye is: at the top of the page (a deactivate button sits in a long table) or of
 * its form, focused and scrolled into view (app.js, data-focus), read out (role="alert").
 */
function refusal(heading: string, errors: string[]): SafeHtml {
  return html`<div id="error" tabindex="-1" data-focus>${notice('error', html`<p>${heading}</p><ul>${errors.map((e) => html`<li>${e}</li>`)}</ul>`)}</div>`;
}

function shell(ctx: WebContext, title: string, state: FormState, body: SafeHtml, names: Map<string, string> = new Map()): string {
  const path = ctx.url.split('?')[0];
  const refusedId = state.form === ACTIVE_FORM ? state.values?.id : undefined;
  const refusedName = typeof refusedId === 'string' ? (names.get(refusedId) ?? '') : '';
  return layout(ctx, {
    title,
    body: html`<h1>${title}</h1>
      <nav aria-label="${ctx.t('admin.tabs')}"><ul class="tabs">
        ${TABS.map(
          (tab) => html`<li><a href="${tab.href}"${path === tab.href ? html` aria-current="page"` : ''}>${ctx.t(tab.key)}</a></li>`,
        )}
      </ul></nav>
      ${state.flash ? notice('ok', state.flash) : ''}
      ${state.form === ACTIVE_FORM && state.errors?.length ? refusal(ctx.t('admin.activeRefused', { name: refusedName }), state.errors) : ''}
      ${body}`,
  });
}

function errorsOf(ctx: WebContext, state: FormState, form: string): SafeHtml | string {
  if (state.form !== form || !state.errors?.length) return '';
  return refusal(ctx.t('admin.formErrors'), state.errors);
}

const val = (state: FormState, form: string, name: string, fallback = ''): string => {
  const v = state.form === form ? state.values?.[name] : undefined;
  return typeof v === 'string' ? v : fallback;
};
const vals = (state: FormState, form: string, name: string, fallback: string[] = []): string[] => {
  const v = state.form === form ? state.values?.[name] : undefined;
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : fallback;
};

function input(id: string, name: string, label: string, value: string, extra: SafeHtml | string = ''): SafeHtml {
  return html`<div class="field"><label for="${id}">${label}</label><input id="${id}" name="${name}" value="${value}" ${extra}></div>`;
}

function select(id: string, name: string, label: string, options: Array<[string, string]>, chosen: string): SafeHtml {
  return html`<div class="field"><label for="${id}">${label}</label><select id="${id}" name="${name}">
    ${options.map(([v, text]) => html`<option value="${v}"${attr('selected', v === chosen)}>${text}</option>`)}
  </select></div>`;
}

function checks(idPrefix: string, name: string, legend: string, options: Array<[string, string]>, chosen: string[]): SafeHtml {
  return html`<fieldset class="field"><legend>${legend}</legend>
    ${options.map(
      ([v, text], i) =>
        html`<label class="choice" for="${idPrefix}-${i}"><input type="checkbox" id="${idPrefix}-${i}" name="${name}" value="${v}"${attr('checked', chosen.includes(v))}> ${text}</label>`,
    )}
  </fieldset>`;
}

function activeForm(ctx: WebContext, action: string, active: boolean, label: string): SafeHtml {
  return html`<form method="post" action="${action}" class="inline">${csrfField(ctx)}
    <input type="hidden" name="active" value="${active ? 'false' : 'true'}">
    <button type="submit" class="link" aria-label="${active ? ctx.t('admin.deactivate') : ctx.t('admin.reactivate')}: ${label}">${active ? ctx.t('admin.deactivate') : ctx.t('admin.reactivate')}</button>
  </form>`;
}

const status = (ctx: WebContext, active: boolean) =>
  active ? ctx.t('admin.active') : html`<span class="badge bad">${ctx.t('admin.inactive')}</span>`;
const securityOptions = (ctx: WebContext): Array<[string, string]> =>
  Object.values(SecurityLevel).map((s) => [s, codeLabel(ctx.lang, 'security', s)]);

export function regionsPage(ctx: WebContext, regions: RegionDto[], state: FormState): string {
  const { t } = ctx;
  return shell(
    ctx,
    t('admin.title'),
    state,
    html`<p>${t('admin.intro')}</p>
      <h2>${t('admin.regions')}</h2>
      ${
        regions.length === 0
          ? html`<p class="muted">${t('admin.empty')}</p>`
          : html`<div class="table-wrap"><table class="list stack"><thead><tr><th scope="col">${t('admin.code')}</th><th scope="col">${t('admin.name')}</th><th scope="col">${t('app.status')}</th><th scope="col"><span class="sr-only">${t('admin.deactivate')}</span></th></tr></thead><tbody>
          ${regions.map(
            (r) =>
              html`<tr><td data-label="${t('admin.code')}">${r.code}</td><th scope="row">${r.name}</th><td data-label="${t('app.status')}">${status(ctx, r.active)}</td><td>${activeForm(ctx, `${ADMIN}/regions/${r.id}/active`, r.active, r.name)}</td></tr>`,
          )}
        </tbody></table></div>`
      }
      <section class="card" aria-labelledby="new-region"><h2 id="new-region">${t('admin.newRegion')}</h2>
        ${errorsOf(ctx, state, 'region')}
        <form method="post" action="${ADMIN}/regions">${csrfField(ctx)}
          ${input('region-code', 'code', t('admin.code'), val(state, 'region', 'code'), html`required maxlength="16"`)}
          ${input('region-name', 'name', t('admin.name'), val(state, 'region', 'name'), html`required maxlength="100"`)}
          <button type="submit" class="primary">${t('admin.add')}</button>
        </form>
      </section>`,
    new Map(regions.map((r) => [r.id, r.name])),
  );
}

function regimeFields(ctx: WebContext, form: string, state: FormState, current?: PrisonDto['dayRegime']): SafeHtml {
  const d = current ?? { amStart: '08:00', amEnd: '11:30', pmStart: '12:00', pmEnd: '15:00' };
  return html`<fieldset class="field"><legend>${ctx.t('admin.dayRegime')}</legend>
    ${(['amStart', 'amEnd', 'pmStart', 'pmEnd'] as const).map((k) =>
      input(`${form}-${k}`, k, ctx.t(`admin.${k}`), val(state, form, k, d[k]), html`type="time" required`),
    )}
  </fieldset>`;
}

export function prisonsPage(ctx: WebContext, prisons: PrisonDto[], regions: RegionDto[], state: FormState): string {
  const { t } = ctx;
  const regionName = new Map(regions.map((r) => [r.id, r.name]));
  const activeRegions = regions.filter((r) => r.active);
  return shell(
    ctx,
    t('admin.prisons'),
    state,
    html`${
      prisons.length === 0
        ? html`<p class="muted">${t('admin.empty')}</p>`
        : html`<div class="table-wrap"><table class="list stack"><thead><tr><th scope="col">${t('admin.code')}</th><th scope="col">${t('admin.name')}</th><th scope="col">${t('admin.region')}</th><th scope="col">${t('admin.securityLevel')}</th><th scope="col">${t('admin.capacity')}</th><th scope="col">${t('app.status')}</th></tr></thead><tbody>
          ${prisons.map(
            (p) =>
              html`<tr><td data-label="${t('admin.code')}">${p.code}</td><th scope="row"><a href="${ADMIN}/prisons/${p.id}">${p.name}</a></th><td data-label="${t('admin.region')}">${regionName.get(p.regionId) ?? ''}</td><td data-label="${t('admin.securityLevel')}">${codeLabel(ctx.lang, 'security', p.securityLevel)}</td><td data-label="${t('admin.capacity')}">${p.capacity}</td><td data-label="${t('app.status')}">${status(ctx, p.active)}</td></tr>`,
          )}
        </tbody></table></div>`
    }
      <section class="card" aria-labelledby="new-prison"><h2 id="new-prison">${t('admin.newPrison')}</h2>
        ${errorsOf(ctx, state, 'prison')}
        <form method="post" action="${ADMIN}/prisons">${csrfField(ctx)}
          ${input('prison-code', 'code', t('admin.code'), val(state, 'prison', 'code'), html`required maxlength="16"`)}
          ${input('prison-name', 'name', t('admin.name'), val(state, 'prison', 'name'), html`required maxlength="120"`)}
          ${select(
            'prison-region',
            'regionId',
            t('admin.region'),
            activeRegions.map((r) => [r.id, r.name]),
            val(state, 'prison', 'regionId'),
          )}
          ${select('prison-security', 'securityLevel', t('admin.securityLevel'), securityOptions(ctx), val(state, 'prison', 'securityLevel'))}
          ${input('prison-capacity', 'capacity', t('admin.capacity'), val(state, 'prison', 'capacity'), html`type="number" min="1" max="10000" required`)}
          ${regimeFields(ctx, 'prison', state)}
          <button type="submit" class="primary">${t('admin.add')}</button>
        </form>
      </section>`,
  );
}

export function prisonPage(ctx: WebContext, prison: PrisonDto, units: UnitDto[], regions: RegionDto[], state: FormState): string {
  const { t } = ctx;
  const regionChoices = regions.filter((r) => r.active || r.id === prison.regionId).map((r): [string, string] => [r.id, r.name]);
  return shell(
    ctx,
    `${prison.name} (${prison.code})`,
    state,
    html`<p>${status(ctx, prison.active)} ${activeForm(ctx, `${ADMIN}/prisons/${prison.id}`, prison.active, prison.name)}</p>
      <h2>${t('admin.units')}</h2>
      ${
        units.length === 0
          ? html`<p class="muted">${t('admin.empty')}</p>`
          : html`<div class="table-wrap"><table class="list stack"><thead><tr><th scope="col">${t('admin.name')}</th><th scope="col">${t('admin.securityLevel')}</th><th scope="col">${t('admin.capacity')}</th><th scope="col">${t('app.status')}</th><th scope="col"><span class="sr-only">${t('admin.deactivate')}</span></th></tr></thead><tbody>
          ${units.map(
            (u) =>
              html`<tr><th scope="row">${u.name}</th><td data-label="${t('admin.securityLevel')}">${codeLabel(ctx.lang, 'security', u.securityLevel)}</td><td data-label="${t('admin.capacity')}">${u.capacity}</td><td data-label="${t('app.status')}">${status(ctx, u.active)}</td><td>${activeForm(ctx, `${ADMIN}/units/${u.id}/active`, u.active, u.name)}</td></tr>`,
          )}
        </tbody></table></div>`
      }
      <section class="card" aria-labelledby="new-unit"><h2 id="new-unit">${t('admin.newUnit')}</h2>
        ${errorsOf(ctx, state, 'unit')}
        <form method="post" action="${ADMIN}/prisons/${prison.id}/units">${csrfField(ctx)}
          ${input('unit-name', 'name', t('admin.name'), val(state, 'unit', 'name'), html`required maxlength="120"`)}
          ${select('unit-security', 'securityLevel', t('admin.securityLevel'), securityOptions(ctx), val(state, 'unit', 'securityLevel', prison.securityLevel))}
          ${input('unit-capacity', 'capacity', t('admin.capacity'), val(state, 'unit', 'capacity'), html`type="number" min="1" max="10000" required`)}
          <button type="submit" class="primary">${t('admin.add')}</button>
        </form>
      </section>
      <section class="card" aria-labelledby="edit-prison"><h2 id="edit-prison">${t('admin.editPrison')}</h2>
        ${errorsOf(ctx, state, 'edit')}
        <form method="post" action="${ADMIN}/prisons/${prison.id}">${csrfField(ctx)}
          ${input('edit-code', 'code', t('admin.code'), val(state, 'edit', 'code', prison.code), html`required maxlength="16"`)}
          ${input('edit-name', 'name', t('admin.name'), val(state, 'edit', 'name', prison.name), html`required maxlength="120"`)}
          ${select('edit-region', 'regionId', t('admin.region'), regionChoices, val(state, 'edit', 'regionId', prison.regionId))}
          ${select('edit-security', 'securityLevel', t('admin.securityLevel'), securityOptions(ctx), val(state, 'edit', 'securityLevel', prison.securityLevel))}
          ${input('edit-capacity', 'capacity', t('admin.capacity'), val(state, 'edit', 'capacity', String(prison.capacity)), html`type="number" min="1" max="10000" required`)}
          ${regimeFields(ctx, 'edit', state, prison.dayRegime)}
          <button type="submit" class="primary">${t('admin.save')}</button>
        </form>
      </section>`,
    new Map([[prison.id, prison.name], ...units.map((u): [string, string] => [u.id, u.name])]),
  );
}

export function staffPage(ctx: WebContext, staff: StaffMemberAdminDto[], prisons: PrisonDto[], state: FormState): string {
  const { t } = ctx;
  const prisonName = new Map(prisons.map((p) => [p.id, p.name]));
  return shell(
    ctx,
    t('admin.staff'),
    state,
    html`${
      staff.length === 0
        ? html`<p class="muted">${t('admin.empty')}</p>`
        : html`<div class="table-wrap"><table class="list stack"><thead><tr><th scope="col">${t('admin.name')}</th><th scope="col">${t('admin.roles')}</th><th scope="col">${t('admin.employer')}</th><th scope="col">${t('admin.prisons')}</th><th scope="col">${t('app.status')}</th><th scope="col"><span class="sr-only">${t('admin.deactivate')}</span></th></tr></thead><tbody>
          ${staff.map(
            (s) =>
              html`<tr><th scope="row">${s.lastName}, ${s.firstName}</th><td data-label="${t('admin.roles')}">${s.roles.map((r) => codeLabel(ctx.lang, 'staffRole', r)).join(', ')}</td><td data-label="${t('admin.employer')}">${codeLabel(ctx.lang, 'employer', s.employer)}${s.employerName ? ` (${s.employerName})` : ''}</td><td data-label="${t('admin.prisons')}">${s.prisonIds.map((id) => prisonName.get(id) ?? '').join(', ')}</td><td data-label="${t('app.status')}">${status(ctx, s.active)}</td><td>${activeForm(ctx, `${ADMIN}/staff/${s.id}/active`, s.active, `${s.firstName} ${s.lastName}`)}</td></tr>`,
          )}
        </tbody></table></div>`
    }
      <section class="card" aria-labelledby="new-staff"><h2 id="new-staff">${t('admin.newStaff')}</h2>
        ${errorsOf(ctx, state, 'staff')}
        <form method="post" action="${ADMIN}/staff">${csrfField(ctx)}
          ${input('staff-first', 'firstName', t('admin.firstName'), val(state, 'staff', 'firstName'), html`required maxlength="100"`)}
          ${input('staff-last', 'lastName', t('admin.lastName'), val(state, 'staff', 'lastName'), html`required maxlength="100"`)}
          ${checks(
            'staff-role',
            'roles',
            t('admin.roles'),
            Object.values(StaffRole).map((r) => [r, codeLabel(ctx.lang, 'staffRole', r)]),
            vals(state, 'staff', 'roles'),
          )}
          ${select(
            'staff-employer',
            'employer',
            t('admin.employer'),
            Object.values(Employer).map((e) => [e, codeLabel(ctx.lang, 'employer', e)]),
            val(state, 'staff', 'employer'),
          )}
          ${input('staff-employer-name', 'employerName', t('admin.employerName'), val(state, 'staff', 'employerName'), html`maxlength="160"`)}
          ${input('staff-email', 'email', t('admin.email'), val(state, 'staff', 'email'), html`type="email" maxlength="200"`)}
          ${checks(
            'staff-prison',
            'prisonIds',
            t('admin.prisonsServed'),
            prisons.filter((p) => p.active).map((p) => [p.id, p.name]),
            vals(state, 'staff', 'prisonIds'),
          )}
          <button type="submit" class="primary">${t('admin.add')}</button>
        </form>
      </section>`,
    new Map(staff.map((s) => [s.id, `${s.firstName} ${s.lastName}`])),
  );
}

export function usersPage(ctx: WebContext, users: UserDto[], staff: StaffMemberAdminDto[], state: FormState): string {
  const { t } = ctx;
  const staffName = new Map(staff.map((s) => [s.id, `${s.firstName} ${s.lastName}`]));
  const linked = new Set(users.map((u) => u.staffMemberId));
  const free = staff.filter((s) => s.active && !linked.has(s.id));
  return shell(
    ctx,
    t('admin.users'),
    state,
    html`${
      users.length === 0
        ? html`<p class="muted">${t('admin.empty')}</p>`
        : html`<div class="table-wrap"><table class="list stack"><thead><tr><th scope="col">${t('admin.username')}</th><th scope="col">${t('admin.staffMember')}</th><th scope="col">${t('admin.userRoles')}</th><th scope="col">${t('app.status')}</th><th scope="col"><span class="sr-only">${t('admin.deactivate')}</span></th></tr></thead><tbody>
          ${users.map(
            (u) =>
              html`<tr><th scope="row">${u.username}</th><td data-label="${t('admin.staffMember')}">${u.staffMemberId ? (staffName.get(u.staffMemberId) ?? '') : ''}</td><td data-label="${t('admin.userRoles')}">${u.roles.map((r) => codeLabel(ctx.lang, 'role', r)).join(', ')}</td><td data-label="${t('app.status')}">${status(ctx, u.active)}</td><td>${u.id === ctx.principal?.userId ? '' : activeForm(ctx, `${ADMIN}/users/${u.id}/active`, u.active, u.username)}</td></tr>`,
          )}
        </tbody></table></div>`
    }
      <section class="card" aria-labelledby="new-user"><h2 id="new-user">${t('admin.newUser')}</h2>
        ${errorsOf(ctx, state, 'user')}
        <form method="post" action="${ADMIN}/users">${csrfField(ctx)}
          ${input('user-name', 'username', t('admin.username'), val(state, 'user', 'username'), html`required maxlength="60" autocomplete="off"`)}
          <div class="field"><label for="user-password">${t('admin.password')}</label><input id="user-password" name="password" type="password" required minlength="12" maxlength="200" autocomplete="new-password"></div>
          ${select('user-staff', 'staffMemberId', t('admin.staffMember'), [['', t('admin.noStaffMember')], ...free.map((s): [string, string] => [s.id, `${s.lastName}, ${s.firstName}`])], val(state, 'user', 'staffMemberId'))}
          ${checks(
            'user-role',
            'roles',
            t('admin.userRoles'),
            Object.values(Role).map((r) => [r, codeLabel(ctx.lang, 'role', r)]),
            vals(state, 'user', 'roles'),
          )}
          <button type="submit" class="primary">${t('admin.add')}</button>
        </form>
      </section>`,
    new Map(users.map((u) => [u.id, u.username])),
  );
}
