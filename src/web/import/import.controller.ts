import { Body, Get, Param, Post, Query, Redirect } from '@nestjs/common';
import { Audited } from '../../audit/audit.decorators';
import { Allow, CurrentPrincipal } from '../../auth/policy.decorators';
import { canSeePrison } from '../../auth/principal';
import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { Clock } from '../../common/clock';
import { DomainError, NotFoundError } from '../../common/errors/domain-errors';
import { UuidParam } from '../../common/http/uuid-param';
import { PopulationImportDto } from '../../intake/dto/population-import.dto';
import { ImportDraftsRepository } from '../../intake/import-drafts.repository';
import { PopulationImportService } from '../../intake/population-import.service';
import { field } from '../shared/forms';
import { PrisonChoice } from '../shared/prison-choice';
import { queryString, Web } from '../shared/web-context';
import type { WebContext } from '../shared/web-context';
import { WebController } from '../shared/web-guards';
import { WEB_PREFIX } from '../shared/web-request';
import { importDryRunPage, importFormPage } from './import.page';

type RedirectTo = { url: string; statusCode: number };
const COUNT_KEYS = ['admit', 'transfer', 'move', 'release', 'update', 'unchanged'] as const;

/** The population import page: upload → dry run as a table → confirm (post/redirect/get at each step). */
@WebController('import')
export class ImportPagesController {
  constructor(
    private readonly imports: PopulationImportService,
    private readonly drafts: ImportDraftsRepository,
    private readonly prisonChoice: PrisonChoice,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Allow(Role.MANAGER, Role.NATIONAL_ADMIN)
  async form(@Web() ctx: WebContext, @CurrentPrincipal() principal: Principal, @Query() q: Record<string, unknown>): Promise<string> {
    const requested = queryString(q, 'prisonId');
    // A prison asked for must be one the user may see (404 otherwise, like every page).
    const prisons = requested ? (await this.prisonChoice.choose(principal, requested)).prisons : await this.prisonChoice.visible(principal);
    return importFormPage(ctx, {
      prisons,
      prisonId: requested,
      error: queryString(q, 'empty') ? ctx.t('imp.empty') : undefined,
    });
  }

  @Post()
  @Allow(Role.MANAGER, Role.NATIONAL_ADMIN)
  @Redirect(WEB_PREFIX, 303)
  async upload(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<RedirectTo> {
    const { prison } = await this.prisonChoice.choose(principal, field(body, 'prisonId'));
    canSeePrison(principal, prison.id); // files the upload's audit event under the prison chosen
    const content = field(body, 'content') ?? '';
    if (content.trim() === '') return { url: `${WEB_PREFIX}/import?empty=1&prisonId=${prison.id}`, statusCode: 303 };
    const format = field(body, 'format') === 'JSON' ? 'JSON' : 'CSV';
    const id = await this.drafts.save(principal.userId, prison.id, format, content);
    return { url: `${WEB_PREFIX}/import/${id}`, statusCode: 303 };
  }

  @Get(':id')
  @Allow(Role.MANAGER, Role.NATIONAL_ADMIN)
  @Audited({ action: 'web.population-import.dry-run', subjectType: 'prison' })
  async dryRun(
    @Web() ctx: WebContext,
    @CurrentPrincipal() principal: Principal,
    @Param('id', UuidParam) id: string,
    @Query() q: Record<string, unknown>,
  ): Promise<string> {
    const draft = await this.drafts.find(principal.userId, id);
    if (!draft) throw new NotFoundError('Import', id);
    const { prison } = await this.prisonChoice.choose(principal, draft.prisonId);
    const report = await this.imports.dryRun(prison.id, this.dto(draft.format, draft.content), principal);
    const applied = queryString(q, 'applied')
      ? Object.fromEntries(COUNT_KEYS.map((k) => [k, String(Number(queryString(q, k) ?? 0))]))
      : undefined;
    return importDryRunPage(ctx, { draftId: id, prison, report, applied, today: this.clock.today() });
  }

  @Post(':id/apply')
  @Allow(Role.MANAGER, Role.NATIONAL_ADMIN)
  @Redirect(WEB_PREFIX, 303)
  async apply(@CurrentPrincipal() principal: Principal, @Param('id', UuidParam) id: string, @Body() body: unknown): Promise<RedirectTo> {
    const draft = await this.drafts.find(principal.userId, id);
    if (!draft) throw new NotFoundError('Import', id);
    const { prison } = await this.prisonChoice.choose(principal, draft.prisonId);
    // The releases ticked on the page: one check box per missing prisoner.
    const ticked = Object.keys((body as Record<string, unknown> | undefined) ?? {})
      .filter((k) => k.startsWith('release.') && field(body, k) === 'on')
      .map((k) => k.slice('release.'.length));
    const dto = this.dto(draft.format, draft.content, ticked, field(body, 'releaseDate') || undefined);
    try {
      const report = await this.imports.apply(prison.id, dto, principal);
      const counts = COUNT_KEYS.map((k) => `${k}=${report.counts[k]}`).join('&');
      return { url: `${WEB_PREFIX}/import/${id}?applied=1&${counts}`, statusCode: 303 };
    } catch (e) {
      // The file has errors (or the data changed since): the page shows the current dry run with them.
      if (e instanceof DomainError && e.kind === 'RULE_BROKEN') return { url: `${WEB_PREFIX}/import/${id}`, statusCode: 303 };
      throw e;
    }
  }

  private dto(format: 'CSV' | 'JSON', content: string, confirmReleases: string[] = [], releaseDate?: string): PopulationImportDto {
    return Object.assign(new PopulationImportDto(), {
      format,
      content,
      confirmReleases: confirmReleases.filter((n) => /^[A-Za-z0-9-]{3,20}$/.test(n)),
      releaseDate: releaseDate && /^\d{4}-\d{2}-\d{2}$/.test(releaseDate) ? releaseDate : undefined,
    });
  }
}
