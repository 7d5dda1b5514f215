/**
 * Three Rebound replicas (the production bundle, `node dist/main.js`) on one PostgreSQL database,
 * in Slack HTTP mode against one fake Web API, as behind a load balancer: commands spread over
 * them, one event delivered to two of them, all three sweeping the same due work at once, and one
 * killed with SIGKILL in the middle of its sends. Needs the real server (REBOUND_TEST_DATABASE_URL):
 * PGlite is one process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackWebApi, type RecordedCall } from './fakes/slack-web-api.ts';
import { SlackRequestSender, type SignedPostOptions, type SlashCommandFields } from './fakes/slack-requests.ts';
import { DOCUMENTED_REACTION_ADDED } from './fakes/slack-payloads.ts';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from './helpers/stores.ts';
import { freePort } from './helpers/entry-point.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const SECRET = 'test-signing-secret';
const MEMBERS = Array.from({ length: 12 }, (_, i) => `U${String(i + 1).padStart(2, '0')}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Replica {
  readonly port: number;
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  readonly log: () => string;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe.skipIf(!TEST_DATABASE_URL)('three replicas on one PostgreSQL database', () => {
  let database: TestDatabase;
  let api: FakeSlackWebApi;
  let sql: pg.Pool;
  const replicas: Replica[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await new FakeSlackWebApi().start();
    sql = new pg.Pool({ connectionString: database.url, max: 2 });
  });
  afterAll(async () => {
    for (const r of replicas) r.child.kill('SIGKILL');
    await Promise.all(replicas.map((r) => r.exited));
    await sql?.end();
    await api?.stop();
    await database?.drop();
  });

  const start = async (): Promise<Replica> => {
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        TZ: 'UTC',
        DATABASE_URL: database.url,
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: api.apiUrl,
        PORT: String(port),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
    const replica = { port, child, exited, log: () => log };
    replicas.push(replica);
    await until(
      `the replica on ${port} to start (${log})`,
      () =>
        fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        ),
      30_000,
    );
    return replica;
  };
  const sender = (r: Replica) => new SlackRequestSender(`http://127.0.0.1:${r.port}/slack/events`, SECRET);
  let triggers = 0;
  // A command is answered in its acknowledgement, or through its response_url when its work
  // outlasts the budget for that: every answer, whichever way it came.
  const acknowledgements: string[] = [];
  const answerTexts = () => [
    ...acknowledgements,
    ...api.callsTo('response_url').map((call) => JSON.stringify(call.params)),
  ];
  const answers = () => answerTexts().length;
  const send = async (r: Replica, fields: SlashCommandFields, options?: SignedPostOptions) => {
    const res = await sender(r).command(fields, options);
    expect(res.status).toBe(200);
    if (res.text) acknowledgements.push(res.text);
  };
  const command = (r: Replica, userId: string, command: string, text: string, triggerId = `T${++triggers}`) =>
    send(r, { command, text, userId, responseUrl: api.responseUrl(triggerId), triggerId });
  const count = async (table: string, where = 'true'): Promise<number> =>
    Number((await sql.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`)).rows[0]?.n);
  const stopAll = async () => {
    for (const r of replicas.splice(0)) {
      r.child.kill('SIGTERM');
      await r.exited;
    }
  };

  it('store every command once, handle a doubled event once, and send due work exactly once', async () => {
    // Started together: the migrations run once, under the advisory lock, and all three come up.
    const [a, b, c] = await Promise.all([start(), start(), start()]);
    const all = [a, b, c] as const;
    const at = (i: number) => all[i % 3] as Replica;

    await command(a, 'U01', '/rebound', 'setup 09:00 UTC mon-sun');
    await until('the setup answer', () => answers() >= 1);
    // No weekly network step: on the first check-in day of a week the sweep would make one per
    // member while the replicas nudge, and the test counts the steps due before they start.
    await command(a, 'U01', '/rebound', 'config network off');
    await until('the config answer', () => answers() >= 2);
    // Each member joins and reports through whichever replica the load balancer picks.
    for (const [i, user] of MEMBERS.entries()) await command(at(i), user, '/rebound', 'join');
    for (const [i, user] of MEMBERS.entries())
      await command(at(i + 1), user, '/rejected', `Acme ${i} | Engineer | interview`);
    for (const [i, user] of MEMBERS.entries()) await command(at(i + 2), user, '/applied', `Globex ${i} | Engineer`);
    await until('every command answered', () => answers() >= 2 + MEMBERS.length * 3);

    // The same /applied sent to two replicas at once (Slack's retry reaching another replica).
    await Promise.all([
      command(a, 'U01', '/applied', 'Initech | Analyst', 'T-twice'),
      send(
        b,
        {
          command: '/applied',
          text: 'Initech | Analyst',
          userId: 'U01',
          responseUrl: api.responseUrl('T-twice'),
          triggerId: 'T-twice',
        },
        { headers: { 'x-slack-retry-num': '1' } },
      ),
    ]);
    await until('the doubled command answered', () => answers() >= 3 + MEMBERS.length * 3);

    // One reaction from a peer on a member's post, delivered to two replicas at the same moment.
    const post = (
      await sql.query<{ channel_id: string; message_id: string; user_id: string }>(
        "SELECT p.channel_id, p.message_id, m.user_id FROM posts p JOIN members m ON m.id = p.member_id WHERE p.subject = 'application' ORDER BY p.id LIMIT 1",
      )
    ).rows[0];
    expect(post).toBeDefined();
    const peer = MEMBERS.find((user) => user !== post?.user_id) as string;
    const reaction = {
      ...DOCUMENTED_REACTION_ADDED,
      team_id: 'T1',
      event_id: 'Ev-twice',
      event: {
        ...DOCUMENTED_REACTION_ADDED.event,
        user: peer,
        item_user: 'UBOT',
        item: { type: 'message', channel: post?.channel_id, ts: post?.message_id },
      },
    };
    const [first, second] = await Promise.all([sender(b).event(reaction), sender(c).event(reaction)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    await sleep(1000);

    expect(await count('members')).toBe(MEMBERS.length);
    expect(await count('rejections')).toBe(MEMBERS.length);
    expect(await count('applications', "company = 'Initech'")).toBe(1);
    expect(await count('applications')).toBe(MEMBERS.length * 2 + 1);
    expect(await count('reactions')).toBe(1);
    expect(answerTexts().filter((text) => text.includes('Initech'))).toHaveLength(1);

    // Time passes while all three are down: every step is due, nobody is in quiet hours, and
    // today's check-in post is due in the group.
    await stopAll();
    const nowMinute = new Date().getUTCHours() * 60 + new Date().getUTCMinutes();
    // (Not the applications' silence steps: they check the news when due and wait for their real time.)
    const dueNow = "status = 'pending' AND rule_id NOT LIKE 'silence-%'";
    await sql.query(`UPDATE follow_ups SET due_at = $1 WHERE ${dueNow}`, [Date.now() - 60_000]);
    await sql.query('UPDATE members SET quiet_start_minute = 0, quiet_end_minute = 0');
    await sql.query('UPDATE groups SET created_at = created_at - $3, check_in_minute = $1, reminder_minute = $2', [
      Math.max(0, nowMinute - 1),
      Math.min(24 * 60 - 1, nowMinute + 120),
      86_400_000,
    ]);
    const dueSteps = await count('follow_ups', dueNow);
    expect(dueSteps).toBeGreaterThan(MEMBERS.length);
    const cancelledBefore = await count('follow_ups', "status = 'cancelled'");
    const before = api.calls.length;
    const sentSince = () => api.calls.slice(before).filter((call) => call.method === 'chat.postMessage');
    // A DM is sent to the user id, and Slack answers with the DM channel (`D…`).
    const dmChannel = (call: RecordedCall) => String(call.response['channel']);
    const dms = () => sentSince().filter((call) => dmChannel(call).startsWith('D'));

    // All three start together and sweep the same due work at once; sends are slow, and one
    // replica is killed after it has begun sending.
    api.slowDown('chat.postMessage', 150);
    const again = await Promise.all([start(), start(), start()]);
    // The replica that claimed nudges is sending them; kill it after its first.
    let killed: Replica | undefined;
    await until('a replica sending nudges', () => {
      killed = again.find((r) => r.log().includes('nudge delivered'));
      return killed !== undefined;
    });
    killed?.child.kill('SIGKILL');
    await killed?.exited;
    await until(
      'the sweeps to settle',
      async () => (await count('deliveries', "status = 'claimed'")) === 0 || dms().length >= MEMBERS.length,
      20_000,
    ).catch(() => undefined);
    await sleep(2000);

    // What the killed replica held: an attempted claim is abandoned (never resent), an unattempted
    // one released; both only once the claim lease has passed. Let the lease pass.
    await sql.query(`UPDATE deliveries SET claimed_at = claimed_at - $1 WHERE status = 'claimed'`, [11 * 60_000]);
    await stopAll();
    api.slowDown('chat.postMessage', 0);
    await start();
    await until('nothing left claimed', async () => (await count('deliveries', "status = 'claimed'")) === 0);
    await sleep(1000);

    // Exactly one check-in post in the group, and at most one nudge per member in all.
    const checkIns = sentSince().filter((call) => call.params.channel === 'C1' && !call.params.thread_ts);
    expect(checkIns).toHaveLength(1);
    const perMember = new Map<string, number>();
    for (const dm of dms()) perMember.set(dmChannel(dm), (perMember.get(dmChannel(dm)) ?? 0) + 1);
    expect([...perMember.values()].every((n) => n === 1)).toBe(true);
    // Every nudge key ended sent or abandoned; a member whose nudge was abandoned got it at most once.
    const nudges = await sql.query<{ status: string; n: string }>(
      "SELECT status, count(*) AS n FROM deliveries WHERE kind = 'nudge' GROUP BY status",
    );
    const byStatus = Object.fromEntries(nudges.rows.map((r) => [r.status, Number(r.n)]));
    expect(Object.keys(byStatus).every((s) => s === 'sent' || s === 'abandoned')).toBe(true);
    // …and every due step was nudged once, or closed because its condition no longer held.
    const cancelled = (await count('follow_ups', "status = 'cancelled'")) - cancelledBefore;
    expect((byStatus.sent ?? 0) + (byStatus.abandoned ?? 0) + cancelled).toBe(dueSteps);
    const reached = await sql.query<{ user_id: string }>(
      "SELECT DISTINCT m.user_id FROM deliveries d JOIN members m ON m.id = d.member_id WHERE d.kind = 'nudge' AND d.status = 'sent'",
    );
    for (const { user_id } of reached.rows) expect(perMember.get(`D${user_id.slice(1)}`)).toBe(1);
    expect(perMember.size).toBeGreaterThanOrEqual(reached.rows.length);
  }, 180_000);
});
