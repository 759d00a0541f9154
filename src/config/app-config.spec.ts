import { ConfigValidationError, validateConfig } from './app-config';

describe('validateConfig', () => {
  it('applies defaults when nothing is set', () => {
    const c = validateConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.PGLITE_DATA_DIR).toBe('./data/pglite');
    expect(c.usesEmbeddedDatabase).toBe(true);
    expect(c.ACTIVITY_TARGET).toBe(0.9);
    expect(c.MIGRATE_ON_START).toBe(true);
  });

  it('parses strings from the environment', () => {
    const c = validateConfig({ PORT: '8080', MIGRATE_ON_START: 'false', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x' });
    expect(c.PORT).toBe(8080);
    expect(c.MIGRATE_ON_START).toBe(false);
    expect(c.usesEmbeddedDatabase).toBe(false);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['NODE_ENV', 'staging'],
    ['BODY_LIMIT', 'lots'],
    ['ACTIVITY_TARGET', '1.5'],
  ])('rejects %s=%s and names the variable', (name, value) => {
    expect(() => validateConfig({ [name]: value })).toThrow(ConfigValidationError);
    expect(() => validateConfig({ [name]: value })).toThrow(new RegExp(`${name}=`));
  });

  describe('SEED_DEMO_DATA_ON_EMPTY (the demo users have a published password)', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) };

    it('defaults to true outside production', () => {
      expect(validateConfig({}).SEED_DEMO_DATA_ON_EMPTY).toBe(true);
      expect(validateConfig({ NODE_ENV: 'test' }).SEED_DEMO_DATA_ON_EMPTY).toBe(true);
      expect(validateConfig({ SEED_DEMO_DATA_ON_EMPTY: 'false' }).SEED_DEMO_DATA_ON_EMPTY).toBe(false);
    });

    it('defaults to false in production', () => {
      expect(validateConfig(production).SEED_DEMO_DATA_ON_EMPTY).toBe(false);
      expect(validateConfig({ ...production, SEED_DEMO_DATA_ON_EMPTY: 'false' }).SEED_DEMO_DATA_ON_EMPTY).toBe(false);
    });

    it.each(['true', '1', 'yes'])('refuses SEED_DEMO_DATA_ON_EMPTY=%s in production and names the variable', (value) => {
      expect(() => validateConfig({ ...production, SEED_DEMO_DATA_ON_EMPTY: value })).toThrow(ConfigValidationError);
      expect(() => validateConfig({ ...production, SEED_DEMO_DATA_ON_EMPTY: value })).toThrow(
        /SEED_DEMO_DATA_ON_EMPTY=true: not allowed when NODE_ENV=production/,
      );
    });
  });

  describe('API_DOCS (Swagger UI and the OpenAPI document)', () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) };

    it('defaults to true outside production and to false in production, where it may be turned on', () => {
      expect(validateConfig({}).API_DOCS).toBe(true);
      expect(validateConfig({ NODE_ENV: 'test' }).API_DOCS).toBe(true);
      expect(validateConfig({ API_DOCS: 'false' }).API_DOCS).toBe(false);
      expect(validateConfig(production).API_DOCS).toBe(false);
      expect(validateConfig({ ...production, API_DOCS: 'true' }).API_DOCS).toBe(true);
    });
  });

  it('ignores unrelated environment variables', () => {
    expect(() => validateConfig({ HOME: '/root', PATH: '/bin' })).not.toThrow();
  });
});
