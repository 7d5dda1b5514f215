/**
 * The core under load: 20,000 commands (/applied and /rejected alternating, 200 members in 10
 * groups) through the real core into a temp file database, next to bare better-sqlite3 single-row
 * insert transactions measured in the same run. Chat sends go to a port that answers at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../src/core/clock.ts';
import { createRebound } from '../src/core/create-rebound.ts';
import type { EventSource } from '../src/core/events.ts';
import type { Logger } from '../src/core/ports/index.ts';
import { openDatabase } from '../src/db/open.ts';
import { createSqliteStore } from '../src/db/sqlite-store.ts';
import { measureBareInserts, BARE_INSERT_SETUP } from './lib/bare-insert.ts';
import { measureCommandFloor } from './lib/command-floor.ts';
import { CountingChat } from './lib/counting-chat.ts';
import { againstBaseline, report } from './lib/report.ts';

const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 20_000);
const GROUPS = 10;
const MEMBERS = 200;

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };

async function measureCore(): Promise<{ perSecond: number; elapsedMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-core-bench-'));
  const database = openDatabase(join(dir, 'rebound.db'));
  try {
    const clock = new ManualClock(new Date('2026-11-25T12:00:00Z'));
    const rebound = createRebound({
      store: createSqliteStore(database),
      chat: new CountingChat(),
      clock,
      logger: silent,
    });
    const source = (user: number): EventSource => ({
      platform: 'slack',
      workspaceId: 'T1',
      channelId: `C${user % GROUPS}`,
      channelName: 'job-hunt',
      actor: { userId: `U${user}`, displayName: `member ${user}`, timezone: 'Europe/Berlin', isBot: false },
    });
    for (let g = 0; g < GROUPS; g++)
      await rebound.handle({ kind: 'command', source: source(g), command: 'rebound setup', values: {} });
    for (let u = 0; u < MEMBERS; u++)
      await rebound.handle({ kind: 'command', source: source(u), command: 'rebound join', values: {} });
    const start = performance.now();
    for (let i = 0; i < COMMANDS; i++) {
      const user = i % MEMBERS;
      const company = `Company ${i >> 1}`;
      const reply = await rebound.handle(
        i % 2 === 0
          ? { kind: 'command', source: source(user), command: 'applied', values: { company, role: 'Backend Engineer' } }
          : {
              kind: 'command',
              source: source(user),
              command: 'rejected',
              values: {
                company,
                role: 'Backend Engineer',
                stage: 'interview',
                note: 'they chose an internal candidate',
              },
            },
      );
      if (reply.type !== 'private') throw new Error(`command ${i} was not answered privately`);
      clock.advance(1000);
    }
    const elapsedMs = performance.now() - start;
    return { perSecond: (COMMANDS / elapsedMs) * 1000, elapsedMs };
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const bare = measureBareInserts({ durationMs: 2000 });
const floor = measureCommandFloor(COMMANDS);
const core = await measureCore();
report({
  name: 'core commands',
  rows: [
    againstBaseline(
      {
        metric: '/applied + /rejected through the core',
        value: Math.round(core.perSecond),
        unit: 'commands/s',
        target: '>= 0.5 × bare inserts',
      },
      Math.round(bare.transactionsPerSecond),
    ),
    { metric: 'bare single-row insert transactions', value: Math.round(bare.transactionsPerSecond), unit: 'tx/s' },
    againstBaseline(
      {
        metric: 'the same rows with raw prepared SQL, one transaction per command',
        value: Math.round(floor.perSecond),
        unit: 'commands/s',
      },
      Math.round(bare.transactionsPerSecond),
    ),
    againstBaseline(
      { metric: 'the core against that floor', value: Math.round(core.perSecond), unit: 'commands/s' },
      Math.round(floor.perSecond),
    ),
  ],
  notes: `${COMMANDS.toLocaleString('en')} commands (half /applied, half /rejected: each rejection schedules 7 follow-ups) by ${MEMBERS} members in ${GROUPS} groups, temp file database (WAL, synchronous NORMAL); baseline: ${BARE_INSERT_SETUP}.`,
});
