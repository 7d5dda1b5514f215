import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock.ts';
import { CLAIM_LEASE_MS } from '../../../src/core/sweep/recover-stale-claims.ts';
import { createTestCore, createWorld, type World } from '../../helpers/world.ts';
import { FileChat, readLines } from './fixtures/file-chat.ts';
import { RecordingLogger } from '../../fakes/recording-logger.ts';

const CHILD = fileURLToPath(new URL('./fixtures/sweep-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START = new Date('2026-11-25T12:00:00Z');
const NOW = new Date('2026-11-26T10:00:00Z'); // Thursday: check-in posts and nudges are due

let dir = '';
let h: World | null = null;
let child: ChildProcessWithoutNullStreams | null = null;
afterEach(() => {
  child?.kill('SIGKILL');
  h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  child = null;
  h = null;
});

/**
 * `groups` groups of `members` members in one database file, each member with `steps` steps: due
 * before NOW, or with `spreadMinutes`, spread over that many minutes from NOW.
 */
async function populate(
  groups: number,
  members: number,
  steps: number,
  spreadMinutes = 0,
): Promise<{ db: string; out: string; harness: World }> {
  dir = mkdtempSync(join(tmpdir(), 'rebound-mp-'));
  const db = join(dir, 'rebound.db');
  const out = join(dir, 'sends.jsonl');
  writeFileSync(out, '');
  const harness = createWorld({ start: START, file: db });
  for (let g = 1; g <= groups; g++) {
    const where = { channelId: `C${g}` };
    await harness.command(
      { userId: `admin${g}`, timezone: 'Europe/Berlin' },
      'rebound',
      'setup 09:00 Europe/Berlin mon-fri',
      where,
    );
    const group = await harness.store.groups.findByChannel({ platform: 'slack', workspaceId: 'T1' }, `C${g}`);
    if (!group) throw new Error('no group');
    for (let m = 1; m <= members; m++) {
      await harness.command(`u${g}-${m}`, 'rebound', 'join', where);
      const member = await harness.store.members.find(group.id, `u${g}-${m}`);
      if (!member) throw new Error('no member');
      await harness.store.followUps.createMany(
        Array.from({ length: steps }, (_, i) => ({
          workspace: group.workspace,
          memberId: member.id,
          applicationId: null,
          ruleId: 'connect',
          dueAt: new Date(
            NOW.getTime() + (spreadMinutes ? ((m * steps + i) % spreadMinutes) * 60_000 : -(i + 1) * 60_000),
          ),
          occurrence: 1,
        })),
        START,
      );
    }
  }
  return { db, out, harness };
}

function spawnChild(env: Record<string, string>): {
  proc: ChildProcessWithoutNullStreams;
  waitFor: (word: string) => Promise<void>;
  exited: Promise<number | null>;
} {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child = proc;
  let stdout = '';
  let stderr = '';
  const waiters: { word: string; resolve: () => void }[] = [];
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const w of waiters.filter((x) => stdout.includes(x.word))) w.resolve();
  });
  proc.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const waitFor = (word: string) =>
    new Promise<void>((resolve, reject) => {
      if (stdout.includes(word)) return resolve();
      waiters.push({ word, resolve });
      void exited.then((code) => reject(new Error(`child exited (${code}) before ${word}: ${stderr.slice(-500)}`)));
    });
  return { proc, waitFor, exited };
}

/** How many times each follow-up id was delivered, from the Done buttons of every send. */
function deliveriesPerStep(lines: ReturnType<typeof readLines>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const line of lines) {
    if (line.kind === 'hang') continue;
    for (const b of line.buttons) {
      const m = /^fu:done:(\d+)$/.exec(b);
      if (m) counts.set(Number(m[1]), (counts.get(Number(m[1])) ?? 0) + 1);
    }
  }
  return counts;
}

describe('two processes on one database file', () => {
  it('sweeping at the same time, they send every due step and check-in post exactly once between them', async () => {
    // Steps fall due over 20 minutes; each process sweeps once per simulated minute, as its heartbeat would.
    const { db, out, harness } = await populate(12, 25, 3, 20);
    h = harness;
    const other = spawnChild({
      REBOUND_DB: db,
      OUT: out,
      OWNER: 'child',
      NOW: NOW.toISOString(),
      SWEEPS: '21',
      STEP_MS: '60000',
    });
    await other.waitFor('READY');
    const clock = new ManualClock(NOW);
    const here = createTestCore({
      chat: new FileChat(out, 'parent'),
      clock,
      database: harness.database,
      owner: 'parent',
    }).rebound;
    other.proc.stdin.write('GO\n');
    await other.waitFor('GOING');
    for (let i = 0; i < 21; i++) {
      await here.sweep();
      clock.advance(60_000);
    }
    await other.waitFor('DONE');
    expect(await other.exited).toBe(0);

    const lines = readLines(readFileSync(out, 'utf8'));
    const perStep = deliveriesPerStep(lines);
    expect(perStep.size).toBe(12 * 25 * 3);
    expect([...perStep.values()].every((n) => n === 1)).toBe(true);
    const posts = lines.filter((l) => l.kind === 'thread-starter').map((l) => `${l.to} ${l.threadName}`);
    expect(posts).toHaveLength(12);
    expect(new Set(posts).size).toBe(12);
    // One nudge per member per sweep: as many DMs as distinct (member, minute) pairs.
    expect(lines.filter((l) => l.kind === 'dm').length).toBeGreaterThanOrEqual(12 * 25);
  }, 60_000);

  it('a process killed with SIGKILL mid-send: after the lease a restart sends what was never attempted, and abandons, logs and never resends the send in flight', async () => {
    const { db, out, harness } = await populate(1, 6, 2);
    h = harness;
    const doomed = spawnChild({ REBOUND_DB: db, OUT: out, OWNER: 'doomed', NOW: NOW.toISOString(), MODE: 'hang' });
    await doomed.waitFor('READY');
    doomed.proc.stdin.write('GO\n');
    await doomed.waitFor('HANGING');
    doomed.proc.kill('SIGKILL');
    await doomed.exited;

    const [hung] = readLines(readFileSync(out, 'utf8')).filter((l) => l.kind === 'hang');
    const inFlight = (hung?.buttons ?? []).filter((b) => b.startsWith('fu:done:')).map((b) => Number(b.split(':')[2]));
    expect(inFlight).toHaveLength(2);

    const clock = new ManualClock(new Date(NOW.getTime() + CLAIM_LEASE_MS + 60_000));
    const logs = new RecordingLogger();
    const restarted = createTestCore({
      chat: new FileChat(out, 'restarted'),
      clock,
      database: harness.database,
      logger: logs,
      owner: 'restarted',
    }).rebound;
    await restarted.sweep();
    await restarted.sweep();
    clock.advance(60 * 60_000);
    await restarted.sweep();

    const lines = readLines(readFileSync(out, 'utf8'));
    const perStep = deliveriesPerStep(lines);
    for (const id of inFlight) expect(perStep.has(id)).toBe(false);
    expect([...perStep.values()].every((n) => n === 1)).toBe(true);
    expect(lines.filter((l) => l.kind === 'thread-starter')).toHaveLength(1);
    const ledger = new Database(db, { readonly: true });
    const latestNudge = ledger.prepare(
      "SELECT status, owner, attempts FROM deliveries WHERE kind = 'nudge' AND subject_id = ? ORDER BY id DESC LIMIT 1",
    );
    for (const id of inFlight) {
      expect(latestNudge.get(id)).toMatchObject({ status: 'abandoned', owner: 'doomed', attempts: 1 });
    }
    // Sends run many at once: besides the hung one, others may have been in flight at the kill
    // (sent, but not yet marked). Each is abandoned and logged, and none is sent again.
    const abandoned = ledger
      .prepare("SELECT count(*) AS n FROM deliveries WHERE status = 'abandoned' AND owner = 'doomed'")
      .get() as { n: number };
    // Every step reached its member once, or its send was in flight at the kill and is abandoned.
    const abandonedSteps = new Set(
      (
        ledger
          .prepare(
            "SELECT subject_id AS id FROM deliveries WHERE kind = 'nudge' AND status = 'abandoned' AND owner = 'doomed'",
          )
          .all() as { id: number }[]
      ).map((r) => r.id),
    );
    const steps = (ledger.prepare('SELECT id FROM follow_ups').all() as { id: number }[]).map((r) => r.id);
    ledger.close();
    expect(steps).toHaveLength(6 * 2);
    expect(steps.filter((id) => !perStep.has(id) && !abandonedSteps.has(id))).toEqual([]);
    expect(perStep.size).toBeGreaterThanOrEqual(6 * 2 - abandonedSteps.size);
    expect(abandoned.n).toBeGreaterThanOrEqual(2);
    expect(logs.lines.filter((l) => l.level === 'warn' && l.fields.outcome === 'abandoned')).toHaveLength(abandoned.n);
  }, 60_000);
});
