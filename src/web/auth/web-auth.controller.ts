import { Body, Get, Post, Query, Redirect, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthService } from '../../auth/auth.service';
import { LoginDto } from '../../auth/dto/auth.dto';
import { Allow, CurrentPrincipal, Public } from '../../auth/policy.decorators';
import { hasRole } from '../../auth/principal';
import type { Principal } from '../../auth/principal';
import { ALL_ROLES, Role } from '../../auth/roles';
import { clientAddress, requestOrigin } from '../../auth/request-origin';
import { readCookie, WEB_SESSION_COOKIE } from '../../auth/web-session';
import { DomainError } from '../../common/errors/domain-errors';
import { field, validateAs } from '../shared/forms';
import { Web } from '../shared/web-context';
import type { WebContext } from '../shared/web-context';
import { WebPageError } from '../shared/web-errors';
import { WebController } from '../shared/web-guards';
import { clearSessionCookie, issueLoginCsrf, LOGIN_PATH, safeNext, setSessionCookie, WEB_PREFIX } from '../shared/web-request';
import type { WebRequest } from '../shared/web-request';
import { loginPage } from './login.page';

type RedirectTo = { url: string; statusCode?: number };

/** The landing page of each role. */
export function homeOf(p: Principal): string {
  if (hasRole(p, Role.MANAGER, Role.NATIONAL_ADMIN)) return `${WEB_PREFIX}/dashboard`;
  if (hasRole(p, Role.OFFICER)) return `${WEB_PREFIX}/planner`;
  return `${WEB_PREFIX}/teacher`;
}

/** Sign-in, sign-out and the landing redirect of the web pages. */
@WebController()
export class WebAuthController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @Allow(...ALL_ROLES)
  @Redirect(`${WEB_PREFIX}/planner`, 302)
  landing(@CurrentPrincipal() principal: Principal): RedirectTo {
    return { url: homeOf(principal), statusCode: 302 };
  }

  @Get('login')
  @Public()
  async loginForm(
    @Req() req: WebRequest,
    @Res() res: Response,
    @Web() ctx: WebContext,
    @Query() q: Record<string, unknown>,
  ): Promise<void> {
    const next = safeNext(q.next);
    const cookie = readCookie(req, WEB_SESSION_COOKIE);
    if (cookie) {
      const signedIn = await this.auth.principalFromSessionToken(cookie, requestOrigin(req)).catch(() => undefined);
      if (signedIn) return res.redirect(302, next === WEB_PREFIX ? homeOf(signedIn) : next);
      clearSessionCookie(req, res);
    }
    const info = q.out === '1' ? ctx.t('login.signedOut') : undefined;
    const error = q.csrf === '1' ? ctx.t('login.csrf') : q.expired === '1' ? ctx.t('login.expired') : undefined;
    res.type('html').send(loginPage(ctx, { csrf: issueLoginCsrf(req, res), next, info, error }));
  }

  @Post('login')
  @Public()
  @Redirect(WEB_PREFIX, 303)
  async login(
    @Body() body: unknown,
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
    @Web() ctx: WebContext,
  ): Promise<RedirectTo> {
    const username = field(body, 'username') ?? '';
    const next = safeNext(field(body, 'next'));
    const again = (status: number, error: string) =>
      new WebPageError(loginPage(ctx, { csrf: issueLoginCsrf(req, res), next, username, error }), status);
    const form = validateAs(LoginDto, { username, password: field(body, 'password') ?? '' });
    if (!form.value) throw again(400, ctx.t('login.failed'));
    try {
      const pair = await this.auth.login(form.value.username, form.value.password, clientAddress(req));
      setSessionCookie(req, res, pair.refreshToken);
    } catch (e) {
      if (e instanceof DomainError && e.kind === 'UNAUTHENTICATED') throw again(401, ctx.t('login.failed'));
      if (e instanceof DomainError && e.kind === 'RATE_LIMITED') throw again(429, ctx.t('login.locked'));
      throw e;
    }
    return { url: next, statusCode: 303 };
  }

  @Post('logout')
  @Allow(...ALL_ROLES)
  @Redirect(`${LOGIN_PATH}?out=1`, 303)
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RedirectTo> {
    // Ends the cookie session. A bearer token's session is the API client's to end (POST /auth/logout).
    if (req.webSessionToken) await this.auth.logout(principal.sessionId);
    clearSessionCookie(req, res);
    return { url: `${LOGIN_PATH}?out=1`, statusCode: 303 };
  }
}
