/**
 * Two Rebound processes on one database, as two replicas behind a load balancer: a slash command
 * that Slack sends again (same trigger_id) to the other replica is handled once in all.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeSlackWebApi } from './fakes/slack-web-api.ts';
import { SlackRequestSender } from './fakes/slack-requests.ts';
import { freePort } from './helpers/entry-point.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const SECRET = 'test-signing-secret';

async function ready(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the replica on ${port} did not start`);
}

describe('replicas on one database', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0).reverse()) c();
  });

  it('handle a slash command replayed to the other replica once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebound-replicas-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const api = await new FakeSlackWebApi().start();
    cleanups.push(() => void api.stop());
    const replica = async (): Promise<{ port: number; child: ChildProcess }> => {
      const port = await freePort();
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          REBOUND_DB: join(dir, 'rebound.db'),
          SLACK_BOT_TOKEN: 'xoxb-test-token',
          SLACK_SIGNING_SECRET: SECRET,
          SLACK_API_URL: api.apiUrl,
          PORT: String(port),
          LOG_LEVEL: 'warn',
        },
        stdio: 'ignore',
      });
      cleanups.push(() => child.kill('SIGKILL'));
      await ready(port);
      return { port, child };
    };
    // One after the other, so the second does not race the first one's migrations.
    const a = await replica();
    const b = await replica();
    // A command is answered in its acknowledgement, or through its response_url when its work
    // outlasts the budget for that: every answer, whichever way it came.
    const acknowledgements: string[] = [];
    const answers = () => [...acknowledgements, ...api.callsTo('response_url').map((c) => JSON.stringify(c.params))];
    const send = async (port: number, text: string, triggerId: string, retry = false) => {
      const res = await new SlackRequestSender(`http://127.0.0.1:${port}/slack/events`, SECRET).command(
        { command: '/rebound', text, responseUrl: api.responseUrl(triggerId), triggerId },
        retry ? { headers: { 'x-slack-retry-num': '1' } } : {},
      );
      if (res.text) acknowledgements.push(res.text);
      return res;
    };

    // Wait for each answer before the next command.
    const answered = async (count: number) => {
      for (let i = 0; i < 300 && answers().length < count; i++) await new Promise((r) => setTimeout(r, 50));
      expect(answers().length).toBeGreaterThanOrEqual(count);
    };
    expect((await send(a.port, 'setup 09:00 UTC', 'T-setup')).status).toBe(200);
    await answered(1);
    expect((await send(a.port, 'join', 'T-join')).status).toBe(200);
    await answered(2);
    expect((await send(a.port, 'pause 3', 'T-pause')).status).toBe(200);
    await answered(3);
    expect((await send(b.port, 'pause 3', 'T-pause', true)).status).toBe(200);
    // A fresh invocation on the second replica is still answered: the first was not lost there.
    expect((await send(b.port, 'resume', 'T-resume')).status).toBe(200);
    await answered(4);
    // Time for a duplicate answer to arrive, if the replay were handled.
    await new Promise((r) => setTimeout(r, 1000));
    expect(answers().filter((t) => t.includes('Paused until'))).toHaveLength(1);
    expect(answers()).toHaveLength(4);
  }, 60_000);
});
