import { afterEach, describe, expect, it } from 'vitest';
import { startHealthServer } from '../src/health-server.ts';

describe('the health endpoint for runs without Slack', () => {
  const servers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });

  it('answers GET /healthz with 200 while healthy and 503 when not, and nothing else', async () => {
    let healthy = true;
    const server = await startHealthServer(0, () => healthy);
    servers.push(server);
    const url = `http://127.0.0.1:${server.port}`;
    const ok = await fetch(`${url}/healthz`);
    expect([ok.status, await ok.json()]).toEqual([200, { ok: true }]);
    healthy = false;
    expect((await fetch(`${url}/healthz`)).status).toBe(503);
    expect((await fetch(`${url}/slack/events`, { method: 'POST' })).status).toBe(404);
  });
});
