/**
 * The core under load: 20,000 commands (/applied and /rejected alternating, 200 members in 10
 * groups) through the real core into a temp file database, next to bare better-sqlite3 single-row
 * insert transactions measured in the same run; then the same workload on a PostgreSQL store (a
 * database of its own on `BENCH_DATABASE_URL`), compared with the SQLite figure of this run.
 * Chat sends go to a port that answers at once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../src/core/clock.ts';
import { createRebound } from '../src/core/create-rebound.ts';
import type { EventSource } from '../src/core/events.ts';
import type { Logger, Store } from '../src/core/ports/index.ts';
import { openDatabase } from '../src/db/sqlite/open.ts';
import { openStore } from '../src/db/open-store.ts';
import { createSqliteStore } from '../src/db/sqlite/store.ts';
import { measureBareInserts, BARE_INSERT_SETUP } from './lib/bare-insert.ts';
import { measureCommandFloor } from './lib/command-floor.ts';
import { CountingChat } from './lib/counting-chat.ts';
import { createBenchDatabase, skippedRow } from './lib/postgres.ts';
import { againstBaseline, report, type BenchRow } from './lib/report.ts';

const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 20_000);
const GROUPS = 10;
const MEMBERS = 200;

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };

interface CoreResult {
  readonly perSecond: number;
  readonly elapsedMs: number;
}

/** The workload through the real core on `store`, which is empty and migrated. */
async function measureCore(store: Store): Promise<CoreResult> {
  const clock = new ManualClock(new Date('2026-11-25T12:00:00Z'));
  const rebound = createRebound({
    store,
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
}

async function measureSqlite(): Promise<CoreResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-core-bench-'));
  const database = openDatabase(join(dir, 'rebound.db'));
  try {
    return await measureCore(createSqliteStore(database));
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same on PostgreSQL, or why it could not run. */
async function measurePostgres(): Promise<(CoreResult & { settings: string }) | { skipped: string }> {
  const database = await createBenchDatabase();
  if ('skipped' in database) return database;
  try {
    const opened = await openStore({ databaseUrl: database.url, dbPath: '' });
    try {
      return { ...(await measureCore(opened.store)), settings: database.settings };
    } finally {
      await opened.close();
    }
  } finally {
    await database.drop();
  }
}

const bare = measureBareInserts({ durationMs: 2000 });
const floor = measureCommandFloor(COMMANDS);
const core = await measureSqlite();
const postgres = await measurePostgres();
const postgresMetric = '/applied + /rejected through the core on PostgreSQL';
const postgresRow: BenchRow =
  'skipped' in postgres
    ? skippedRow(postgresMetric, postgres.skipped)
    : againstBaseline(
        { metric: postgresMetric, value: Math.round(postgres.perSecond), unit: 'commands/s' },
        Math.round(core.perSecond),
      );
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
    postgresRow,
  ],
  notes: `${COMMANDS.toLocaleString('en')} commands (half /applied, half /rejected: each rejection schedules 7 follow-ups) by ${MEMBERS} members in ${GROUPS} groups, temp file database (WAL, synchronous NORMAL); baseline: ${BARE_INSERT_SETUP}. The PostgreSQL row runs the same workload through the same core on a fresh database of its own (${'skipped' in postgres ? 'skipped' : `${postgres.settings}, node-postgres pool of 10, over loopback`}); its baseline is the SQLite core figure above, so its ratio is PostgreSQL / SQLite.`,
});
