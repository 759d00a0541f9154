import { BrowserServer, chromium } from 'playwright-core';
import databasesSetup from '../../setup/global-setup';
import { BROWSER_WS_ENV, CHROMIUM_ARGS, CHROMIUM_PATH, CHROMIUM_PRESENT } from './chromium';

/**
 * The e2e databases (shared with the e2e project when both run), and one headless chromium for the
 * whole run: each browser test file connects to it instead of starting its own.
 */
export default async function globalSetup(globalConfig: { maxWorkers: number }): Promise<void> {
  await databasesSetup(globalConfig);
  if (!CHROMIUM_PRESENT) return; // each suite reports SKIPPED (describeInBrowser)
  const server = await chromium.launchServer({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  (globalThis as { __browserServer?: BrowserServer }).__browserServer = server;
  process.env[BROWSER_WS_ENV] = server.wsEndpoint();
}
