import { describe, expect, it } from 'vitest';
import { isJsonRoute, openApiDocument, REQUEST_BODIES } from '../../functions/api/openapi.ts';
import { parseBody } from '../../functions/http/body.ts';
import { bearerRoles, ROUTES, type RouteKey } from '../../functions/routes.ts';

type Operation = {
  'x-roles': string[] | 'public';
  requestBody?: { content: { 'application/json': { schema: Record<string, unknown>; example: unknown } } };
  parameters?: { name: string; schema: { pattern: string } }[];
};
const document = openApiDocument() as { openapi: string; paths: Record<string, Record<string, Operation>> };

const jsonRoutes = ROUTES.filter((route) => isJsonRoute(route.routeKey));
const operationOf = (routeKey: string): Operation | undefined => {
  const [method = '', path = ''] = routeKey.split(' ');
  return document.paths[path]?.[method.toLowerCase()];
};

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1', () => {
    expect(document.openapi).toBe('3.1.0');
  });

  it('describes every JSON route of the route table, and nothing else', () => {
    expect(jsonRoutes.length).toBeGreaterThan(15);
    for (const route of jsonRoutes) expect(operationOf(route.routeKey), route.routeKey).toBeDefined();
    const described = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(described.sort()).toEqual(jsonRoutes.map((route) => route.routeKey).sort());
  });

  it("names each route's roles as the route table does", () => {
    for (const route of jsonRoutes) {
      const roles = operationOf(route.routeKey)?.['x-roles'];
      if (route.access === 'public') expect(roles, route.routeKey).toBe('public');
      else expect(roles, route.routeKey).toEqual(bearerRoles(route.access));
    }
  });

  it('gives every JSON write a request body schema, and its example validates against that schema', () => {
    const writes = jsonRoutes.filter(
      (route) => /^(POST|PUT|PATCH) /.test(route.routeKey) && !/\/(issue|distribute)$/.test(route.routeKey), // no body
    );
    for (const route of writes) {
      const body = REQUEST_BODIES[route.routeKey as RouteKey];
      expect(body, route.routeKey).toBeDefined();
      if (!body) continue;
      expect(() => parseBody(body.schema, body.example), route.routeKey).not.toThrow();
      const content = operationOf(route.routeKey)?.requestBody?.content['application/json'];
      expect(content?.example).toEqual(body.example);
      expect(content?.schema).toBeTypeOf('object');
    }
  });

  it('publishes the generated schemas (fields, types, limits), not hand-written ones', () => {
    const registration = operationOf('POST /api/meetings/{meetingId}/registrations')?.requestBody?.content[
      'application/json'
    ].schema as { properties: Record<string, { maxLength?: number; enum?: string[] }> };
    expect(Object.keys(registration.properties)).toEqual(
      expect.arrayContaining(['name', 'email', 'organisation', 'category', 'country', 'title', 'privacyConsent']),
    );
    expect(registration.properties.category?.enum).toContain('member-state');
  });

  it('documents the pattern of every path id', () => {
    const parameters = operationOf('GET /api/meetings/{meetingId}')?.parameters ?? [];
    expect(parameters[0]?.name).toBe('meetingId');
    expect(new RegExp(parameters[0]?.schema.pattern ?? '').test('u4ssc-6')).toBe(true);
    expect(new RegExp(parameters[0]?.schema.pattern ?? '').test('A'.repeat(2100))).toBe(false);
  });
});
