import { html } from '../shared/html';
import { layout, notice } from '../shared/layout';
import { WebContext } from '../shared/web-context';
import { CSRF_FIELD, LOGIN_PATH } from '../shared/web-request';

export interface LoginView {
  csrf: string;
  next: string;
  username?: string;
  error?: string;
  info?: string;
}

export function loginPage(ctx: WebContext, v: LoginView): string {
  const { t } = ctx;
  return layout(ctx, {
    title: t('login.title'),
    body: html`<section class="login card">
      <h1>${t('login.title')}</h1>
      <p>${t('login.intro')}</p>
      ${v.error ? notice('error', v.error) : ''}
      ${v.info ? notice('ok', v.info) : ''}
      <form method="post" action="${LOGIN_PATH}">
        <input type="hidden" name="${CSRF_FIELD}" value="${v.csrf}">
        <input type="hidden" name="next" value="${v.next}">
        <div class="field">
          <label for="username">${t('login.username')}</label>
          <input id="username" name="username" autocomplete="username" required maxlength="60" value="${v.username ?? ''}" autofocus>
        </div>
        <div class="field">
          <label for="password">${t('login.password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="200">
        </div>
        <button type="submit" class="primary">${t('login.submit')}</button>
      </form>
    </section>`,
  });
}
