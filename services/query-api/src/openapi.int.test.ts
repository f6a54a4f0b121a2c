import type { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createQueryApi } from './api';
import { contactsQuery, eventsQuery, lookupQuery, noQuery, profileQuery, searchQuery } from './params';
import { startQueryApiHarness, type QueryApiHarness } from './testing';

interface RouteLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** `GET /v1/customers/{id}` for every route the router registers (express `:id` → OpenAPI `{id}`). */
function registeredRoutes(router: Router): string[] {
  return (router.stack as RouteLayer[]).flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods).map(
          (method) => `${method.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`,
        )
      : [],
  );
}

type Operation = { parameters?: { name: string; in: string }[] };
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, unknown>;
};

const QUERY_SCHEMAS: Record<string, z.ZodTypeAny> = {
  'GET /v1/customers': searchQuery,
  'GET /v1/customers/lookup': lookupQuery,
  'GET /v1/customers/{id}': profileQuery,
  'GET /v1/customers/{id}/contacts': contactsQuery,
  'GET /v1/customers/{id}/events': eventsQuery,
  'GET /v1/customers/{id}/merges': noQuery,
  'POST /v1/customers/{id}/unmerge': noQuery,
};

function keysOf(schema: z.ZodTypeAny): string[] {
  const inner = 'shape' in schema ? schema : (schema._def as { schema: z.ZodTypeAny }).schema;
  return Object.keys((inner as z.AnyZodObject).shape).sort();
}

describe('query API: OpenAPI document', () => {
  let api: QueryApiHarness;
  let document: Document;

  beforeAll(async () => {
    api = await startQueryApiHarness();
    const answer = await api.get('/openapi.json', null);
    expect(answer.status).toBe(200);
    document = answer.body;
  });
  afterAll(() => api?.close());

  it('given no token, when /openapi.json is asked, then an OpenAPI 3.1 document with bearer security answers', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.components).toMatchObject({ securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } });
  });

  it('given the router, then every route it registers is documented and every documented operation is registered', () => {
    const { router } = createQueryApi({ sql: api.db.sql, store: api.store, keyring: api.keyring });
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );

    expect([...registeredRoutes(router)].sort()).toEqual([...documented].sort());
  });

  it('given each operation, then its documented query parameters are exactly those its schema accepts', () => {
    for (const [operation, schema] of Object.entries(QUERY_SCHEMAS)) {
      const [method, path] = operation.split(' ') as [string, string];
      const parameters = document.paths[path]![method.toLowerCase()]!.parameters ?? [];
      const documented = parameters
        .filter((p) => p.in === 'query')
        .map((p) => p.name)
        .sort();
      expect({ operation, parameters: documented }).toEqual({ operation, parameters: keysOf(schema) });
    }
  });

  it('given every $ref in the document, then it points at a defined component', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)];
    const components = document.components as Record<string, Record<string, unknown>>;

    expect(refs.length).toBeGreaterThan(10);
    expect(refs.filter(([, kind, name]) => components[kind!]?.[name!] === undefined).map(([ref]) => ref)).toEqual([]);
  });
});
