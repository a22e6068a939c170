import { Type } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { Route, servedRoutes } from '../support/routes';
import { createTestApp, TestApp } from '../support/test-app';

interface Operation {
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: SchemaObject }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema: SchemaObject }> }>;
}

interface SchemaObject {
  $ref?: string;
  type?: string;
  format?: string;
  items?: SchemaObject;
  properties?: Record<string, SchemaObject>;
  required?: string[];
}

interface OpenApiDocument {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, SchemaObject>; securitySchemes: Record<string, { type: string; scheme: string }> };
}

/** The endpoints the issue names; a controller left out of the app would be missed by servedRoutes alone. */
const ISSUE_ROUTES = [
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/magic-link',
  'POST /api/auth/magic-link/verify',
  'GET /api/auth/magic-link/verify',
  'POST /api/staff',
  'POST /api/events',
  'GET /api/events',
  'GET /api/events/{id}',
  'PATCH /api/events/{id}',
  'DELETE /api/events/{id}',
  'POST /api/events/{id}/publish',
  'POST /api/volunteers',
  'GET /api/volunteers',
  'GET /api/volunteers/{id}',
  'GET /api/volunteers/me',
  'PUT /api/events/{eventId}/volunteers/{volunteerId}/availability',
  'GET /api/events/{eventId}/volunteers/{volunteerId}/availability',
  'GET /api/events/{eventId}/slots',
  'POST /api/students',
  'GET /api/students',
  'GET /api/students/me',
  'POST /api/students/import',
  // Issue 13.
  'POST /api/volunteers/import',
  'POST /api/bookings',
  'DELETE /api/bookings/{id}',
  'PATCH /api/bookings/{id}',
  'POST /api/events/{eventId}/volunteers/{volunteerId}/withdrawal',
  'GET /api/bookings/me',
  'GET /api/events/{eventId}/bookings',
  'PUT /api/events/{id}/preferences',
  'GET /api/events/{id}/preferences',
  'POST /api/events/{id}/allocation-runs',
  'GET /api/allocation-runs/{id}',
  'GET /api/allocation-runs/{id}/assignments',
  'POST /api/allocation-runs/{id}/publish',
  // Issue 4: job fair floor.
  'POST /api/events/{eventId}/exhibitors',
  'GET /api/events/{eventId}/exhibitors',
  'GET /api/events/{eventId}/exhibitors/{exhibitorId}',
  'PATCH /api/events/{eventId}/exhibitors/{exhibitorId}',
  'DELETE /api/events/{eventId}/exhibitors/{exhibitorId}',
  'POST /api/events/{eventId}/exhibitors/import',
  'GET /api/events/{eventId}/floor-plan',
  'PUT /api/events/{eventId}/floor-plan',
  'GET /api/events/{eventId}/floor-plan.svg',
  'GET /api/events/{eventId}/check-in-code',
  'POST /api/events/{eventId}/check-ins',
  'POST /api/bookings/{id}/attendance',
  'GET /api/students/{id}/no-shows',
  'GET /api/events/{eventId}/report',
  // Issue 12: the no-show strike ledger.
  'GET /api/strikes/me',
  'GET /api/students/{id}/strikes',
  'POST /api/students/{id}/strikes',
  'POST /api/students/{id}/strikes/{strikeId}/excuse',
  'POST /api/students/{id}/strikes/clear',
  'GET /api/strike-policy',
  'PUT /api/strike-policy',
  'GET /api/events/{eventId}/strike-policy',
  'PUT /api/events/{eventId}/strike-policy',
  // Issue 12: interview feedback.
  'GET /api/events/{eventId}/feedback-rubric',
  'PUT /api/events/{eventId}/feedback-rubric',
  'GET /api/bookings/{id}/feedback',
  'POST /api/bookings/{id}/feedback',
  'PUT /api/bookings/{id}/feedback',
];

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];


/** The properties class-validator checks on a DTO, inherited ones included. */
const validatedProperties = (dto: Type) =>
  [...new Set(getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false).map((m) => m.propertyName))].sort();

describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let routes: Route[];
  const operation = (route: Route) => doc.paths[route.path]?.[route.method];

  beforeAll(async () => {
    t = await createTestApp();
    const res = await t.http().get('/api/docs-json').expect(200).expect('Content-Type', /application\/json/);
    doc = res.body;
    routes = servedRoutes(t);
  });
  afterAll(() => t.close());

  it('is an OpenAPI 3 document with a bearer scheme', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Fairgrid API');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('documents exactly the routes the app serves, including every endpoint of the issue', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => HTTP_METHODS.includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect([...documented].sort()).toEqual(routes.map((r) => r.key).sort());
    expect(documented).toEqual(expect.arrayContaining(ISSUE_ROUTES));
  });

  it('documents only paths the router really answers', async () => {
    for (const route of routes) {
      const path = route.path.replace(/\{\w+\}/g, '3f0c1e2a-5b6d-4e7f-8a9b-0c1d2e3f4a5b');
      const res = await t.http()[route.method as 'get'](path);
      expect({ route: route.key, message: String(res.body?.message ?? '') }).not.toEqual({
        route: route.key,
        message: expect.stringMatching(/^Cannot [A-Z]+ /),
      });
      if (!route.isPublic) expect({ route: route.key, status: res.status }).toEqual({ route: route.key, status: 401 });
    }
  });

  describe('each protected operation', () => {
    const protectedRoutes = () => routes.filter((r) => !r.isPublic);

    it('there are protected and public routes to check', () => {
      expect(protectedRoutes().length).toBeGreaterThanOrEqual(20);
      expect(routes.filter((r) => r.isPublic).map((r) => r.key).sort()).toEqual(
        ['GET /api/health', 'POST /api/auth/login', 'POST /api/auth/magic-link', 'POST /api/auth/magic-link/verify', 'GET /api/auth/magic-link/verify',
          // The feed token in the path is the key (issue 5).
          'GET /api/calendar/{token}.ics'].sort(),
      );
    });

    it('declares bearer security and 401 and 403 responses with the error body', () => {
      for (const route of protectedRoutes()) {
        const op = operation(route);
        expect({ route: route.key, security: op?.security }).toEqual({ route: route.key, security: [{ bearer: [] }] });
        for (const status of ['401', '403']) {
          expect({ route: route.key, status, schema: op?.responses[status]?.content?.['application/json']?.schema }).toEqual({
            route: route.key,
            status,
            schema: { $ref: '#/components/schemas/ErrorBody' },
          });
        }
      }
    });

    it('public operations ask for no token', () => {
      for (const route of routes.filter((r) => r.isPublic)) {
        expect({ route: route.key, security: operation(route)?.security ?? [] }).toEqual({ route: route.key, security: [] });
      }
    });
  });

  it('describes every 4xx response with the error body', () => {
    const problems = routes.flatMap((route) =>
      Object.entries(operation(route)?.responses ?? {})
        .filter(([status]) => status.startsWith('4'))
        .filter(([, response]) => response.content?.['application/json']?.schema?.$ref !== '#/components/schemas/ErrorBody')
        .map(([status]) => `${route.key} ${status}`),
    );
    expect(problems).toEqual([]);
  });

  it('the ErrorBody schema has statusCode, code, message and the field errors', () => {
    const schema = doc.components.schemas.ErrorBody;
    expect(Object.keys(schema.properties ?? {})).toEqual(expect.arrayContaining(['statusCode', 'code', 'message', 'errors', 'details', 'requestId']));
    expect(schema.required).toEqual(expect.arrayContaining(['statusCode', 'code', 'message']));
    expect(schema.properties?.errors?.items).toEqual({ $ref: '#/components/schemas/FieldErrorBody' });
  });

  describe('request bodies', () => {
    const bodyRoutes = () => routes.filter((r) => r.body);

    it('are found for every JSON-writing route', () => {
      expect(bodyRoutes().map((r) => r.key).sort()).toEqual(
        [
          'POST /api/auth/login',
          'POST /api/auth/magic-link',
          'POST /api/auth/magic-link/verify',
          'POST /api/staff',
          'POST /api/events',
          'PATCH /api/events/{id}',
          'POST /api/volunteers',
          'POST /api/students',
          'PUT /api/events/{eventId}/volunteers/{volunteerId}/availability',
          'POST /api/bookings',
          'PATCH /api/bookings/{id}',
          'PUT /api/events/{id}/allocation-loads',
          'PUT /api/events/{id}/allocation-settings',
          // Issue 12.
          'PUT /api/events/{id}/eligibility',
          'PUT /api/events/{id}/preferences',
          'POST /api/events/{id}/allocation-runs',
          'PUT /api/events/{eventId}/reminder-settings',
          'POST /api/events/{eventId}/exhibitors',
          'PATCH /api/events/{eventId}/exhibitors/{exhibitorId}',
          'PUT /api/events/{eventId}/floor-plan',
          'POST /api/events/{eventId}/check-ins',
          'POST /api/bookings/{id}/attendance',
          // Issue 12, waitlists with offers.
          'POST /api/events/{eventId}/waitlist',
          'PUT /api/events/{eventId}/waitlist-settings',
          // Issue 12: the no-show strike ledger.
          'POST /api/students/{id}/strikes',
          'POST /api/students/{id}/strikes/{strikeId}/excuse',
          'POST /api/students/{id}/strikes/clear',
          'PUT /api/strike-policy',
          'PUT /api/events/{eventId}/strike-policy',
          // Issue 12: interview feedback.
          'PUT /api/events/{eventId}/feedback-rubric',
          'POST /api/bookings/{id}/feedback',
          'PUT /api/bookings/{id}/feedback',
          // Issue 13: the staff console
          'PATCH /api/staff/{id}',
          'PATCH /api/students/{id}',
          'PATCH /api/volunteers/{id}',
        ].sort(),
      );
    });

    it('reference their DTO schema, which lists every validated property', () => {
      for (const route of bodyRoutes()) {
        const dto = route.body!;
        const body = operation(route)?.requestBody;
        expect({ route: route.key, required: body?.required, schema: body?.content['application/json']?.schema }).toEqual({
          route: route.key,
          required: true,
          schema: { $ref: `#/components/schemas/${dto.name}` },
        });
        const schema = doc.components.schemas[dto.name];
        expect({ dto: dto.name, properties: Object.keys(schema?.properties ?? {}).sort() }).toEqual({
          dto: dto.name,
          properties: validatedProperties(dto),
        });
      }
    });

    it('CreateEventDto marks what is required and what is a date-time', () => {
      const schema = doc.components.schemas.CreateEventDto;
      expect(Object.keys(schema.properties ?? {})).toEqual(
        expect.arrayContaining(['name', 'description', 'location', 'timezone', 'startsAt', 'endsAt', 'bookingOpensAt', 'bookingClosesAt', 'slotMinutes', 'breakMinutes', 'maxBookingsPerStudent']),
      );
      expect([...(schema.required ?? [])].sort()).toEqual(['bookingClosesAt', 'bookingOpensAt', 'endsAt', 'name', 'startsAt', 'timezone']);
      for (const field of ['startsAt', 'endsAt', 'bookingOpensAt', 'bookingClosesAt']) {
        expect({ field, format: schema.properties?.[field]?.format }).toEqual({ field, format: 'date-time' });
      }
      expect(doc.components.schemas.UpdateEventDto.required ?? []).toEqual([]);
    });

    it('availability windows are described item by item', () => {
      const windows = doc.components.schemas.PutAvailabilityDto.properties?.windows;
      expect(windows).toMatchObject({ type: 'array', items: { $ref: '#/components/schemas/AvailabilityWindowDto' } });
      expect(Object.keys(doc.components.schemas.AvailabilityWindowDto.properties ?? {}).sort()).toEqual(['endsAt', 'startsAt']);
    });

    it.each(['/api/students/import', '/api/volunteers/import'])('%s takes text/csv', (path) => {
      const op = doc.paths[path].post;
      expect(Object.keys(op.requestBody?.content ?? {})).toEqual(['text/csv']);
      expect(op.responses['415']).toBeDefined();
      expect(op.responses['422']).toBeDefined();
    });

    it('the volunteer import answers with its counts, and the report with its fill rate over time (issue 13)', () => {
      expect(Object.keys(doc.components.schemas.VolunteerImportResult.properties ?? {}).sort()).toEqual(['created', 'skipped', 'total']);
      expect(doc.components.schemas.EventReport.properties?.fillOverTime).toMatchObject({ allOf: [{ $ref: '#/components/schemas/FillOverTime' }] });
      expect(doc.components.schemas.FillOverTime.properties?.points).toMatchObject({ type: 'array', items: { $ref: '#/components/schemas/FillPoint' } });
      expect(Object.keys(doc.components.schemas.FillPoint.properties ?? {}).sort()).toEqual(['at', 'booked', 'fillRate']);
    });
  });

  it('documents every path parameter and every query parameter the app validates', () => {
    const problems: string[] = [];
    for (const route of routes) {
      const params = operation(route)?.parameters ?? [];
      for (const [, name] of route.path.matchAll(/\{(\w+)\}/g)) {
        if (!params.some((p) => p.in === 'path' && p.name === name && p.required)) problems.push(`${route.key}: path ${name}`);
      }
      for (const name of route.query ? validatedProperties(route.query) : []) {
        if (!params.some((p) => p.in === 'query' && p.name === name)) problems.push(`${route.key}: query ${name}`);
      }
    }
    expect(routes.filter((r) => r.query).length).toBeGreaterThanOrEqual(3);
    expect(problems).toEqual([]);
  });

  it('describes success responses with their types, as `nest build` does', () => {
    const ok = (method: string, path: string, status: string) =>
      doc.paths[path]?.[method]?.responses[status]?.content?.['application/json']?.schema;
    expect(ok('post', '/api/events', '201')).toEqual({ $ref: '#/components/schemas/EventResponse' });
    expect(ok('get', '/api/events/{eventId}/slots', '200')).toEqual({ $ref: '#/components/schemas/SlotPage' });
    expect(ok('get', '/api/bookings/me', '200')).toEqual({ type: 'array', items: { $ref: '#/components/schemas/BookingResponse' } });
    expect(doc.components.schemas.SlotResponse.properties).toEqual(
      expect.objectContaining({ startsAt: expect.any(Object), volunteer: expect.any(Object), available: expect.any(Object) }),
    );
  });

  it('GET /api/docs serves the Swagger UI page, and the files it loads', async () => {
    const res = await t.http().get('/api/docs').expect(200).expect('Content-Type', /text\/html/);
    expect(res.text).toContain('<div id="swagger-ui">');
    const assets = [...res.text.matchAll(/(?:src|href)="([^"]+\.(?:js|css))"/g)].map((m) => new URL(m[1], 'http://fairgrid.test/api/docs').pathname);
    expect(assets).toEqual(expect.arrayContaining(['/api/docs/swagger-ui-bundle.js', '/api/docs/swagger-ui-init.js']));
    for (const asset of assets) {
      const file = await t.http().get(asset);
      expect({ asset, status: file.status }).toEqual({ asset, status: 200 });
    }
    const init = await t.http().get('/api/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('Fairgrid API');
  });
});
