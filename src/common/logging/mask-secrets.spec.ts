import { maskSecrets } from './logging.module';

describe('maskSecrets', () => {
  it.each([
    ['/calendar-feeds/AbC123_-xyz.ics', '/calendar-feeds/[redacted].ics'],
    ['/calendar-feeds/AbC123?x=1', '/calendar-feeds/[redacted]?x=1'],
    ['/prisons/123/weeks/2026-W48/plan', '/prisons/123/weeks/2026-W48/plan'],
  ])('%s → %s', (url, expected) => expect(maskSecrets(url)).toBe(expected));
});
