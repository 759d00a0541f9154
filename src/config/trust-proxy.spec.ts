import { ConfigValidationError, validateConfig } from './app-config';
import { parseTrustProxy } from './trust-proxy';

describe('TRUST_PROXY', () => {
  it.each([
    ['false', false],
    [' TRUE ', true],
    ['1', 1],
    ['0', 0],
    ['loopback', ['loopback']],
    ['10.0.0.1', ['10.0.0.1']],
    ['loopback, 10.0.0.0/8,fd00::/8', ['loopback', '10.0.0.0/8', 'fd00::/8']],
  ])('reads %j as %j', (raw, expected) => {
    expect(parseTrustProxy(raw)).toEqual(expected);
  });

  it.each(['', 'yes', '-1', '101', '10.0.0.0/33', 'fd00::/129', '10.0.0.0/8/1', 'proxy.example.org', '10.0.0.1,', '1.5'])(
    'refuses %j',
    (raw) => {
      expect(parseTrustProxy(raw)).toBeUndefined();
    },
  );

  it('defaults to false: without a proxy in front, X-Forwarded-For is the client speaking and is ignored', () => {
    expect(validateConfig({}).trustProxy).toBe(false);
  });

  it('is validated at boot, naming the variable', () => {
    expect(validateConfig({ TRUST_PROXY: 'loopback,10.1.2.0/24' }).trustProxy).toEqual(['loopback', '10.1.2.0/24']);
    expect(validateConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(() => validateConfig({ TRUST_PROXY: 'the proxy' })).toThrow(ConfigValidationError);
    expect(() => validateConfig({ TRUST_PROXY: 'the proxy' })).toThrow(/TRUST_PROXY=/);
  });
});
