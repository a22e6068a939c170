import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createStudent } from '../support/factories';
import { ADMIN, createTestApp, TestApp } from '../support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const API_CSP = "default-src 'none'; frame-ancestors 'none'";

describe('security headers and CORS', () => {
  describe('defaults (http PUBLIC_URL, no CORS_ORIGINS)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('every API answer: nosniff, no framing, no referrer, a CSP that allows nothing, no HSTS over http, no X-Powered-By', async () => {
      const staff = await t.staffToken();
      for (const res of [
        await t.http().get('/api/events').auth(staff, { type: 'bearer' }).expect(200),
        await t.http().get('/api/events').expect(401),
        await t.http().get('/api/no-such-thing').expect(404),
        await t.http().post('/api/events').auth(staff, { type: 'bearer' }).set('Content-Type', 'application/json').send('{').expect(400),
      ]) {
        expect(res.headers).toMatchObject({
          'x-content-type-options': 'nosniff',
          'x-frame-options': 'DENY',
          'referrer-policy': 'no-referrer',
          'content-security-policy': API_CSP,
          'cache-control': 'no-store',
        });
        expect(res.headers['strict-transport-security']).toBeUndefined();
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });

    it('answers that carry a token or a person are not stored by any cache', async () => {
      const login = await t.http().post('/api/auth/login').send(ADMIN).expect(200);
      expect(login.headers['cache-control']).toBe('no-store');
      const student = await createStudent(t);
      const me = await t.http().get('/api/students/me').auth(student.token, { type: 'bearer' }).expect(200);
      expect(me.headers['cache-control']).toBe('no-store');
    });

    it('a response that sets its own policy keeps it: the sign-in page, calendar feeds, the API docs', async () => {
      const page = await t.http().get(`/sign-in/link?token=${'x'.repeat(43)}`).expect(200);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['x-frame-options']).toBe('DENY');

      const student = await createStudent(t);
      const { body } = await t.http().get('/api/students/me/calendar').auth(student.token, { type: 'bearer' }).expect(200);
      const feed = await t.http().get(new URL(body.url).pathname).expect(200);
      expect(feed.headers['cache-control']).toBe('private, no-cache');

      const docs = await t.http().get('/api/docs').expect(200);
      expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
      expect(docs.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    });

    it('the API docs still work in a real browser under their policy', async () => {
      await t.app.listen(0, '127.0.0.1');
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      const profile = mkdtempSync(join(tmpdir(), 'fairgrid-docs-'));
      try {
        const { stdout: dom } = await promisify(execFile)(
          CHROMIUM,
          ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
            `--user-data-dir=${profile}`, '--virtual-time-budget=10000', '--dump-dom', `http://127.0.0.1:${port}/api/docs`],
          { timeout: 90_000, maxBuffer: 32 * 1024 * 1024 },
        );
        // Swagger UI's scripts ran and fetched the document: the operations are drawn.
        expect(dom).toContain('opblock-summary-path');
        expect(dom).toContain('/api/bookings');
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    });

    it('is closed to other origins: no CORS headers on answers or preflights', async () => {
      const simple = await t.http().get('/api/health').set('Origin', 'https://evil.example');
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
      const preflight = await t
        .http()
        .options('/api/bookings')
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    });
  });

  describe('https PUBLIC_URL and a CORS allow-list', () => {
    let t: TestApp;
    const allowed = 'https://careers.example.edu';
    beforeAll(async () => {
      t = await createTestApp({ PUBLIC_URL: 'https://fairgrid.example.edu', CORS_ORIGINS: `${allowed}, http://localhost:5173` });
    });
    afterAll(() => t.close());

    it('pins https with HSTS', async () => {
      const res = await t.http().get('/api/health');
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    });

    it('lets the listed origins call the API with a bearer token and read the request id', async () => {
      const preflight = await t
        .http()
        .options('/api/bookings')
        .set('Origin', allowed)
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key')
        .expect(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(allowed);
      expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);
      expect(preflight.headers['access-control-allow-headers']).toMatch(/Idempotency-Key/);
      expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();

      const res = await t.http().get('/api/events').set('Origin', 'http://localhost:5173').auth(await t.staffToken(), { type: 'bearer' }).expect(200);
      expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
      expect(res.headers['access-control-expose-headers']).toMatch(/X-Request-Id/);
    });

    it('gives other origins nothing', async () => {
      for (const origin of ['https://evil.example', 'https://careers.example.edu.evil.example', 'null']) {
        const res = await t.http().get('/api/health').set('Origin', origin);
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
      }
    });
  });
});
