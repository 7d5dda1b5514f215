/**
 * SIGTERM to a real Rebound process in the middle of a sweep: the sweep it started finishes (the
 * nudge the platform is accepting gets marked sent), the process exits 0, and nothing is lost or
 * sent twice afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/core/clock.ts';
import { openDatabase } from '../src/db/sqlite/open.ts';
import { createSqliteStore } from '../src/db/sqlite/store.ts';
import { RecordingChat } from './fakes/recording-chat.ts';
import { createTestCore } from './helpers/world.ts';

const ROOT = new URL('..', import.meta.url).pathname;

/** A Slack Web API that holds chat.postMessage until released, so the test can stop the bot mid-send. */
function holdingSlack() {
  const posted: string[] = [];
  let release: () => void = () => {};
  const released = new Promise<void>((r) => (release = r));
  let firstPost: () => void = () => {};
  const posting = new Promise<void>((r) => (firstPost = r));
  const server: Server = createServer((req, res) => {
    const method = req.url?.replace(/^\/api\//, '').split('?')[0] ?? '';
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', async () => {
      const answer = (json: object) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, ...json }));
      };
      if (method === 'chat.postMessage') {
        posted.push(new URLSearchParams(body).get('channel') ?? '');
        firstPost();
        await released;
        return answer({ channel: 'D1', ts: `1700000000.00${posted.length}` });
      }
      return answer({});
    });
  });
  return { server, posted, posting, release: () => release() };
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('graceful shutdown', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });

  it('lets a running sweep finish on SIGTERM, exits 0, and sends nothing twice after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebound-shutdown-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'rebound.db');

    // A member with a step due an hour ago, quiet hours off so the time of day does not matter.
    const seed = openDatabase(file);
    const store = createSqliteStore(seed);
    const ws = { platform: 'slack' as const, workspaceId: 'T1' };
    const now = new Date();
    const group = await store.groups.create(
      {
        workspace: ws,
        channelId: 'C1',
        name: 'job-hunt',
        timezone: 'UTC',
        checkInMinute: 540,
        checkInDays: [],
        reminderMinute: 960,
        adminUserIds: [],
      },
      now,
    );
    const member = await store.members.create(
      { groupId: group.id, workspace: ws, userId: 'U1', displayName: 'alice', timezone: 'UTC' },
      now,
    );
    await store.members.update(member.id, { quietStartMinute: 0, quietEndMinute: 0 });
    const [step] = await store.followUps.createMany(
      [
        {
          workspace: ws,
          memberId: member.id,
          applicationId: null,
          ruleId: 'network',
          dueAt: new Date(now.getTime() - 3600_000),
          occurrence: 1,
        },
      ],
      now,
    );
    seed.close();

    const slack = holdingSlack();
    await new Promise<void>((r) => slack.server.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => slack.server.close());
    const { port } = slack.server.address() as AddressInfo;

    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        REBOUND_DB: file,
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: 'test-signing-secret',
        SLACK_API_URL: `http://127.0.0.1:${port}/api/`,
        PORT: '0',
        LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => child.kill('SIGKILL'));
    let logs = '';
    child.stdout?.on('data', (c: Buffer) => (logs += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (logs += c.toString()));
    const exited = exitOf(child);

    // The start-up sweep is sending the nudge; stop the bot now, then let Slack answer.
    await slack.posting;
    child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    slack.release();
    expect(await exited).toBe(0);
    // A DM goes to the user id; Slack answers with the DM channel.
    expect(slack.posted).toEqual(['U1']);
    // Structured logs of the whole run: the delivery is there, the secrets are not.
    expect(logs).toMatch(/"msg":"nudge delivered"/);
    expect(logs).toMatch(/"msg":"stopped"/);
    expect(logs).not.toContain('xoxb-test-token');
    expect(logs).not.toContain('test-signing-secret');

    // The send the platform accepted was marked before the process left.
    const after = openDatabase(file);
    cleanups.push(() => after.close());
    const afterStore = createSqliteStore(after);
    const key = `nudge:${step?.id}:${step?.dueAt.getTime()}`;
    expect(await afterStore.deliveries.get(key)).toMatchObject({ status: 'sent', attempts: 1 });

    // Restarted (here: a sweep on the same file, an hour later): nothing is sent again.
    const chat = new RecordingChat();
    const { rebound: again } = createTestCore({
      chat,
      database: after,
      clock: new ManualClock(new Date(Date.now() + 3600_000)),
    });
    await again.sweep();
    expect(chat.dmsTo('U1')).toEqual([]);
  }, 60_000);
});
