import { mkdirSync, readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { TEST_PASSWORD } from '../../factories/user.factory';
import { createTestApp, TestApp } from '../../support/test-app';
import { BROWSER_WS_ENV, CHROMIUM_ARGS, CHROMIUM_PATH, CHROMIUM_PRESENT } from './chromium';

export { CHROMIUM_PATH, CHROMIUM_PRESENT } from './chromium';

/**
 * `describe` when chromium is installed; otherwise the suite is skipped with a message saying why
 * (the only reason these tests may skip).
 */
export function describeInBrowser(name: string, fn: () => void): void {
  if (CHROMIUM_PRESENT) {
    describe(name, fn);
    return;
  }
  console.warn(
    `[browser] SKIPPED "${name}": no chromium at ${CHROMIUM_PATH} (apt-get install chromium-headless-shell or chromium, or set CHROMIUM_PATH)`,
  );
  describe.skip(`${name} (skipped: no chromium at ${CHROMIUM_PATH})`, fn);
}

export const SCREENSHOTS = resolve(__dirname, '..', '..', '..', 'docs', 'screenshots');

export interface BrowserApp {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The real app (AppModule + configureApp) on a random port of 127.0.0.1, and a headless chromium: a
 * connection to the run's one chromium (see global-setup.ts), or a chromium of its own outside a jest
 * run.
 */
export async function startBrowserApp(): Promise<BrowserApp> {
  const t = await createTestApp();
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const endpoint = process.env[BROWSER_WS_ENV];
  const browser = endpoint
    ? await chromium.connect(endpoint)
    : await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  return {
    t,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close(); // a connection closes its contexts and disconnects; a browser of its own stops
      await t.close();
    },
  };
}

/** A fresh browser context (own cookies) at a tablet-sized viewport, with requests outside the app blocked. */
export async function newTabletContext(app: BrowserApp, viewport = { width: 1280, height: 900 }): Promise<BrowserContext> {
  const context = await app.browser.newContext({ viewport, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  // No network beyond the server: anything else fails the page load loudly.
  await context.route(/.*/, (route) => (route.request().url().startsWith(app.baseUrl) ? route.continue() : route.abort('blockedbyclient')));
  return context;
}

/** Signs in through the sign-in form and waits for the landing page. */
export async function signInAs(page: Page, app: BrowserApp, username: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${app.baseUrl}/app/login`);
  await page.getByLabel('Brukernavn').fill(username);
  await page.getByLabel('Passord').fill(password);
  await Promise.all([page.waitForURL((u) => !u.pathname.endsWith('/login')), page.getByRole('button', { name: 'Logg inn' }).click()]);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

let axeScript: string | undefined;
/** axe-core's script (550 KB), read from node_modules once per test file. */
const axeSource = () => (axeScript ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

/** Runs axe-core (from node_modules, injected into the page) and returns serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: a <script> tag with inline content would be refused by the pages' CSP.
  // Once per document: checkWidths asks again at its next width, on the same page (a new page load has no axe).
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource());
  // Runs in the page (no DOM types in this tsconfig): axe is the global the script defined.
  const result = await page.evaluate(async () => {
    const g = globalThis as unknown as {
      axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> };
      document: unknown;
    };
    return g.axe.run(g.document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target })) }));
}

/**
 * Saves the page to docs/screenshots/ when asked (UPDATE_SCREENSHOTS=1), so that a plain `npm test`
 * leaves the working tree as it found it.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * The page at both widths the pages are made for, when asked (UPDATE_SCREENSHOTS=1): `name.png` at
 * 1366 px and `name-390.png` at 390 px (a phone); the viewport is put back afterwards. Long lists
 * (an Oslo-sized unlock list) take `fullPage: false`: the first screen shows the page.
 */
export async function screenshotBothWidths(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  const original = page.viewportSize() ?? { width: 1280, height: 900 };
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [width, file] of [
    [1366, `${name}.png`],
    [390, `${name}-390.png`],
  ] as const) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 768 });
    await page.screenshot({ path: join(SCREENSHOTS, file), fullPage: options.fullPage ?? true });
  }
  await page.setViewportSize(original);
}
