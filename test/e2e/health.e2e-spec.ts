import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { QueueName } from '../../src/queue/jobs';
import { freePort } from '../support/process';
import { waitForQueueDrained } from '../support/queues';
import { createTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

describe('GET /api/health', () => {
  let redis: ChildProcess;
  let t: TestApp;
  let port: number;
  // A Redis of this test's own, so it can be stopped without touching anyone else's.
  const startRedis = () =>
    spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });

  beforeAll(async () => {
    port = await freePort();
    redis = startRedis();
    t = await createTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
  });

  afterAll(async () => {
    await t.close().catch(() => undefined);
    if (redis.exitCode === null) redis.kill('SIGKILL');
  });

  it('reports both dependencies up, without a token', async () => {
    const res = await waitFor(async () => {
      const r = await t.http().get('/api/health');
      return r.status === 200 && r;
    });
    expect(res.body).toEqual({
      status: 'ok',
      postgres: { status: 'up', latencyMs: expect.any(Number) },
      redis: { status: 'up', latencyMs: expect.any(Number) },
    });
  });

  it('answers 503 naming Redis while it does not answer, and 200 once it is back', async () => {
    redis.kill('SIGTERM');
    await once(redis, 'exit');
    const res = await t.http().get('/api/health').expect(503);
    expect(res.body).toMatchObject({ status: 'degraded', postgres: { status: 'up' }, redis: { status: 'down', error: expect.any(String) } });

    redis = startRedis();
    await waitFor(async () => (await t.http().get('/api/health')).status === 200, 30_000);
    // The workers are back too: a sign-in request is processed (and nothing is left running).
    await t.http().post('/api/auth/magic-link').send({ email: 'nobody@health.test' }).expect(202);
    await waitForQueueDrained(t, QueueName.Auth, 30_000);
  });
});
