/**
 * Slack OAuth mode through the production entry point (`node dist/main.js`): a workspace installs
 * Rebound through the install page and the redirect, `oauth.v2.access` answered by the local fake,
 * and the installation is in the database file with its token sealed; `app_uninstalled` marks the
 * installation and the workspace removed and leaves its requests unanswered, and a reinstall
 * brings it back. A missing key stops start-up with one line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SlackRequestSender } from './fakes/slack-requests.ts';
import { FakeSlackWebApi } from './fakes/slack-web-api.ts';
import { runBuiltEntryPoint, freePort } from './helpers/entry-point.ts';
import { installThroughBrowser, OAUTH_ENV } from './helpers/slack-install.ts';

const ROOT = new URL('..', import.meta.url).pathname;

const cleanUps: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

async function waitFor(what: string, check: () => boolean, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Slack OAuth mode through node dist/main.js', () => {
  it('installs a workspace through /slack/install and /slack/oauth_redirect and keeps its token sealed in the database', async () => {
    const api = await new FakeSlackWebApi().start();
    cleanUps.push(() => api.stop());
    api.allowInstall({
      code: 'code-acme',
      teamId: 'TACME',
      teamName: 'Acme',
      botToken: 'xoxb-acme-entry-secret',
      botId: 'BACME',
      botUserId: 'UACMEBOT',
    });
    const dir = mkdtempSync(join(tmpdir(), 'rebound-oauth-'));
    cleanUps.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'rebound.db');
    const port = await freePort();
    const child: ChildProcess = spawn(process.execPath, ['dist/main.js'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        TZ: 'UTC',
        REBOUND_DB: file,
        SLACK_API_URL: api.apiUrl,
        PORT: String(port),
        LOG_LEVEL: 'info',
        ...OAUTH_ENV,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const exited = new Promise((resolve) => child.on('close', resolve));
    cleanUps.push(async () => {
      child.kill('SIGTERM');
      await exited;
    });
    await waitFor(
      'slack ready',
      () => log.includes('slack ready'),
      () => log,
    );

    const page = await fetch(`http://127.0.0.1:${port}/slack/install`);
    expect(page.status).toBe(200);
    const href = /<a href="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const state = new URL(href.replaceAll('&amp;', '&')).searchParams.get('state') ?? '';
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const query = new URLSearchParams({ code: 'code-acme', state }).toString();
    const done = await fetch(`http://127.0.0.1:${port}/slack/oauth_redirect?${query}`, { headers: { cookie } });
    expect(done.status).toBe(200);

    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare('SELECT * FROM slack_installations').all() as Record<string, unknown>[];
      expect(rows.map((row) => [row['team_id'], row['bot_id'], row['bot_user_id']])).toEqual([
        ['TACME', 'BACME', 'UACMEBOT'],
      ]);
      expect(JSON.stringify(rows)).not.toContain('xoxb');
    } finally {
      db.close();
    }
    expect(log).not.toContain('xoxb-acme-entry-secret');
    expect(log).not.toContain(OAUTH_ENV.REBOUND_SECRET_KEY);

    // The workspace uninstalls the app: Slack says so with app_uninstalled.
    const slack = new SlackRequestSender(`http://127.0.0.1:${port}/slack/events`, OAUTH_ENV.SLACK_SIGNING_SECRET);
    const gone = await slack.event({
      token: 'x',
      team_id: 'TACME',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: 'EvEntryUninstalled',
      event_time: Math.floor(Date.now() / 1000),
      event: { type: 'app_uninstalled' },
    });
    expect(gone.status).toBe(200);
    const removed = () => {
      const read = new Database(file, { readonly: true, fileMustExist: true });
      try {
        const installation = read.prepare("SELECT removed_at FROM slack_installations WHERE team_id = 'TACME'").get();
        const workspace = read.prepare("SELECT removed_at FROM workspaces WHERE workspace_id = 'TACME'").get();
        return [installation, workspace].map((row) => (row as { removed_at: number | null } | undefined)?.removed_at);
      } finally {
        read.close();
      }
    };
    // Acknowledged first, then done (as in production): the log line says when it is written.
    await waitFor(
      'the removal',
      () => log.includes('bot removed from the workspace'),
      () => log,
    );
    expect(removed().every((at) => typeof at === 'number')).toBe(true);
    api.reset();
    await slack.command({ command: '/rebound', text: 'help', teamId: 'TACME', responseUrl: api.responseUrl('acme') });
    expect(api.calls).toEqual([]);

    // Installing again brings it back.
    api.allowInstall({
      code: 'code-acme-again',
      teamId: 'TACME',
      teamName: 'Acme',
      botToken: 'xoxb-acme-entry-again',
      botId: 'BACME',
      botUserId: 'UACMEBOT',
    });
    expect(await installThroughBrowser(`http://127.0.0.1:${port}`, 'code-acme-again')).toBe(200);
    await waitFor(
      'the reinstall',
      () => log.includes('served again'),
      () => log,
    );
    expect(removed()).toEqual([null, null]);
  });

  it('stops start-up with one line when REBOUND_SECRET_KEY is missing', async () => {
    const { REBOUND_SECRET_KEY: _unused, ...withoutKey } = OAUTH_ENV;
    const run = await runBuiltEntryPoint({ REBOUND_DB: ':memory:', ...withoutKey });
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      "rebound: REBOUND_SECRET_KEY is missing: Slack OAuth mode encrypts the workspaces' tokens with it; give 32 random bytes as 64 hex characters (openssl rand -hex 32)\n",
    );
  });
});
