import { existsSync } from 'node:fs';

// Kept apart from browser.ts (which loads the whole app) so the global setup can read it cheaply.

/** Debian's chromium (installed by .ci/run with apt); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_PRESENT = existsSync(CHROMIUM_PATH);
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'];

/** Set by the e2e project's global setup (test/browser/support/global-setup.ts): the one chromium of the run, which every test file connects to. */
export const BROWSER_WS_ENV = 'TEST_BROWSER_WS_ENDPOINT';
