/**
 * Token rotation through the production entry point: two `node dist/main.js` replicas in Slack
 * OAuth mode on one PostgreSQL database, a workspace whose rotating token is about to expire, and
 * a Slack that is slow to answer the refresh. Commands reach both replicas at once: exactly one
 * refresh reaches Slack, every command is answered, and what follows uses the new token.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { SlackRequestSender } from './fakes/slack-requests.ts';
import { FakeSlackWebApi } from './fakes/slack-web-api.ts';
import { createTestDatabase, TEST_DATABASE_URL } from './helpers/stores.ts';
import { freePort } from './helpers/entry-point.ts';
import { installThroughBrowser, OAUTH_ENV } from './helpers/slack-install.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const ACME = {
  code: 'code-acme',
  teamId: 'TACME',
  teamName: 'Acme',
  botToken: 'xoxe.xoxb-acme-first',
  botId: 'BACME',
  botUserId: 'UACMEBOT',
  refreshToken: 'xoxe-1-acme-first-refresh',
};

const cleanUps: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

async function until(what: string, check: () => boolean | Promise<boolean>, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!TEST_DATABASE_URL)('token rotation with two replicas through node dist/main.js', () => {
  it('refreshes an expiring token once when both replicas need it at once, with Slack slow to answer', async () => {
    const api = await new FakeSlackWebApi().start();
    cleanUps.push(() => api.stop());
    api.allowInstall(ACME);
    const database = await createTestDatabase();
    cleanUps.push(() => database.drop());
    let log = '';
    const replica = async (): Promise<number> => {
      const port = await freePort();
      const child = spawn(process.execPath, ['dist/main.js'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          TZ: 'UTC',
          DATABASE_URL: database.url,
          SLACK_API_URL: api.apiUrl,
          PORT: String(port),
          LOG_LEVEL: 'info',
          ...OAUTH_ENV,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let own = '';
      const take = (chunk: Buffer) => {
        own += chunk.toString();
        log += chunk.toString();
      };
      child.stdout?.on('data', take);
      child.stderr?.on('data', take);
      const exited = new Promise((resolve) => child.on('close', resolve));
      cleanUps.push(async () => {
        child.kill('SIGTERM');
        await exited;
      });
      await until(
        'slack ready',
        () => own.includes('slack ready'),
        () => own,
      );
      return port;
    };
    // One after the other, so the second does not race the first one's migrations.
    const a = await replica();
    const b = await replica();

    expect(await installThroughBrowser(`http://127.0.0.1:${a}`, ACME.code)).toBe(200);

    // Eleven of its twelve hours later: the token has one hour left, inside the refresh margin.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    cleanUps.push(() => client.end());
    await client.query("UPDATE slack_installations SET token_expires_at = $1 WHERE team_id = 'TACME'", [
      Date.now() + 60 * 60_000,
    ]);
    api.slowDown('oauth.v2.access', 800);
    api.reset();

    const commands = [a, b, a, b, a, b].map((port, i) =>
      new SlackRequestSender(`http://127.0.0.1:${port}/slack/events`, OAUTH_ENV.SLACK_SIGNING_SECRET).command({
        command: '/rebound',
        text: 'help',
        teamId: 'TACME',
        responseUrl: api.responseUrl(`help-${i}`),
        triggerId: `trigger-help-${i}`,
      }),
    );
    const responses = await Promise.all(commands);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const answered = () => responses.filter((r) => r.text).length + api.callsTo('response_url').length;
    await until(
      'every command answered',
      () => answered() >= 6,
      () => log,
    );

    const refreshes = api.callsTo('oauth.v2.access').filter((c) => c.params['grant_type'] === 'refresh_token');
    expect(refreshes).toHaveLength(1);
    const fresh = String(refreshes[0]?.response['access_token']);
    expect(fresh).toMatch(/^xoxe\.xoxb-/);
    const stored = await client.query("SELECT token_expires_at FROM slack_installations WHERE team_id = 'TACME'");
    expect(Number(stored.rows[0]?.['token_expires_at'])).toBeGreaterThan(Date.now() + 11 * 60 * 60_000);
    // Whatever the replicas asked of Slack for the workspace afterwards carried the new token.
    const used = api.calls.filter((c) => c.method !== 'oauth.v2.access' && c.method !== 'response_url');
    expect(used.every((c) => c.token === fresh)).toBe(true);
    expect(log).not.toContain(ACME.botToken);
    expect(log).not.toContain(fresh);
  }, 60_000);
});
