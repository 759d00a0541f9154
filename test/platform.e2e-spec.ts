import { createTestApp, TestApp } from './support/test-app';

describe('health, docs, logging and headers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('GET /health pings the database', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('serves the OpenAPI document describing every route and its DTOs', async () => {
    const html = await t.http().get('/api/docs').expect(200);
    expect(html.text).toContain('swagger-ui');
    const doc = await t.http().get('/api/docs/openapi.json').expect(200);
    const paths = Object.keys(doc.body.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/health',
        '/regions',
        '/prisons',
        '/prisons/{id}',
        '/prisons/{id}/units',
        '/prisons/{prisonId}/prisoners',
        '/prisoners',
        '/prisoners/{id}',
        '/prisoners/{id}/moves',
        '/staff',
        '/activities',
        '/activities/{id}',
      ]),
    );
    expect(doc.body.components.schemas.PrisonerDto.properties).toHaveProperty('legalStatus');
    expect(doc.body.components.schemas.CreatePrisonerDto.required).toEqual(expect.arrayContaining(['prisonerNumber', 'admission']));
  });

  it('echoes a well-formed request id and makes one up otherwise', async () => {
    const given = await t.http().get('/health').set('x-request-id', 'abc-123').expect(200);
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await t.http().get('/health').set('x-request-id', 'bad id with spaces').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers and no x-powered-by', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
