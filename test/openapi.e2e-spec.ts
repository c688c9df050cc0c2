import SwaggerParser from '@apidevtools/swagger-parser';
import { TestApi, startApi } from './support/api';
import { expectProblem } from './support/problems';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

describe('the OpenAPI document as a contract', () => {
  let api: TestApi;
  let doc: {
    paths: Record<
      string,
      Record<string, { summary?: string; parameters?: { name: string; in: string; schema?: Record<string, unknown> }[] }>
    >;
  };
  beforeAll(async () => {
    api = await startApi();
    doc = (await api.http().get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => api.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({ route: `${m.toUpperCase()} ${path}`, op: item[m] })),
    );

  it('validates under a standard OpenAPI validator with no errors', async () => {
    // validate() dereferences in place; the copy keeps `doc` as served for the other tests.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('gives every operation a summary', () => {
    const missing = operations()
      .filter(({ op }) => !op.summary?.trim())
      .map(({ route }) => route);
    expect(operations().length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('describes every `limit` as an integer from 1 to 200', () => {
    const limits = operations().flatMap(({ route, op }) =>
      (op.parameters ?? []).filter((p) => p.name === 'limit' && p.in === 'query').map((p) => ({ route, schema: p.schema })),
    );
    expect(limits.length).toBeGreaterThan(3);
    for (const limit of limits)
      expect(limit).toEqual({
        route: limit.route,
        schema: expect.objectContaining({ type: 'integer', minimum: 1, maximum: 200, default: 50 }),
      });
  });

  it.each(['/api/v1/cadres', '/api/v1/audit-events'])('answers %s?limit=abc with one clear error', async (path) => {
    const res = await api
      .http()
      .get(`${path}?limit=abc`)
      .set('authorization', await api.login('admin.th'));
    expectProblem(res, 400);
    expect(res.body.errors).toEqual([{ field: 'limit', code: 'pageSize', message: 'limit must be an integer from 1 to 200' }]);
  });
});
