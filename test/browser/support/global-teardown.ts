import { BrowserServer } from 'playwright-core';
import databasesTeardown from '../../setup/global-teardown';

export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __browserServer?: BrowserServer };
  await holder.__browserServer?.close();
  holder.__browserServer = undefined;
  await databasesTeardown();
}
