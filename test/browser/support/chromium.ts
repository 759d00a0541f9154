import { existsSync } from 'node:fs';

// Kept apart from browser.ts (which loads the whole app) so the global setup can read it cheaply.

/**
 * Debian's chromium builds, in order of preference (.ci/run installs the first with apt):
 * `chromium-headless-shell` is chromium's old headless mode, a separate, lighter program without the
 * browser's UI layers — the browser specs spent 0.64× the time with it (README, "Tests"); the full
 * `chromium` in headless mode works as well. CHROMIUM_PATH overrides both.
 */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? CHROMIUM_CANDIDATES.find((p) => existsSync(p)) ?? CHROMIUM_CANDIDATES[0];
export const CHROMIUM_PRESENT = existsSync(CHROMIUM_PATH);
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'];

/** Set by the e2e project's global setup (test/browser/support/global-setup.ts): the one chromium of the run, which every test file connects to. */
export const BROWSER_WS_ENV = 'TEST_BROWSER_WS_ENDPOINT';
