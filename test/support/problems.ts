import type { Response } from 'supertest';

/** The response is an RFC 9457 problem with this status (and, when given, this `type` slug). */
export function expectProblem(res: Response, status: number, slug?: string): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { status } });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toEqual(expect.objectContaining({ type: expect.any(String), title: expect.any(String), detail: expect.any(String) }));
  if (slug) expect(res.body.type).toBe(`urn:canbo:problem:${slug}`);
}

/** A 400 problem whose `errors` name `field`. */
export function expectFieldError(res: Response, field: string): void {
  expectProblem(res, 400);
  expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.any(String) })]));
}
