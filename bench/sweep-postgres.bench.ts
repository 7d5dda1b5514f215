/**
 * The sweep at scale on PostgreSQL: the data of `sweep.bench.ts` (100,000 members in 1,000
 * groups, 1,000,000 follow-ups of which 10,000 are due) on a database of its own
 * (`BENCH_DATABASE_URL`), timing the sweep's claim (`claimDueNudges`: select the due steps, claim
 * them in the ledger, build one nudge per member) by one replica, and by three replicas at once:
 * three stores, each with its own pool as three processes would have, each claiming until it gets
 * nothing, timed until all have stopped; the keys each claimed are checked for duplicates and the
 * deliveries table for one nudge key per due step. The same one-replica claim on SQLite, with the
 * same data, is the baseline measured in the same run. `BENCH_SWEEP_SCALE` (default 1) scales the
 * groups, members and follow-ups, not the 10,000 due.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { ManualClock } from '../src/core/clock.ts';
import type { CoreDeps } from '../src/core/deps.ts';
import type { Store } from '../src/core/ports/index.ts';
import { DEFAULT_RULES } from '../src/core/rules.ts';
import { claimDueNudges } from '../src/core/sweep/send-due-nudges.ts';
import { openDatabase } from '../src/db/sqlite/open.ts';
import { openStore, type OpenedStore } from '../src/db/open-store.ts';
import { DUE_WITH_CONTEXT_SQL } from '../src/db/repositories/raw-rows.ts';
import { createSqliteStore } from '../src/db/sqlite/store.ts';
import { CountingChat } from './lib/counting-chat.ts';
import { createBenchDatabase, skippedRow, type BenchDatabase } from './lib/postgres.ts';
import { againstBaseline, median, report, type BenchRow } from './lib/report.ts';
import {
  populatePostgres,
  populateSqlite,
  POSTGRES_ROWS_PER_STATEMENT,
  SWEEP_DUE,
  SWEEP_NOW,
  type SweepShape,
} from './lib/sweep-data.ts';

const SCALE = Number(process.env.BENCH_SWEEP_SCALE ?? 1);
if (!(SCALE > 0 && SCALE <= 1)) throw new Error('BENCH_SWEEP_SCALE must be in (0, 1]');
const SHAPE: SweepShape = {
  groups: Math.round(1_000 * SCALE),
  members: Math.round(100_000 * SCALE),
  followUps: Math.max(SWEEP_DUE * 2, Math.round(1_000_000 * SCALE)),
};
const SAMPLES = 3;
const REPLICAS = 3;

function depsOf(store: Store): CoreDeps {
  return {
    store,
    chat: new CountingChat(),
    clock: new ManualClock(new Date(SWEEP_NOW)),
    logger: { info: () => {}, warn: () => {}, error: () => {} },
    rules: DEFAULT_RULES,
  };
}

interface OneReplica {
  readonly claimMs: number;
  /** CPU time of this process in the same phase (user + system). */
  readonly claimCpuMs: number;
  readonly items: number;
  readonly setupMs: number;
}

/** Claims once, as one sweep does; the items (due steps) it claimed. */
async function claimOnce(deps: CoreDeps, owner: string): Promise<{ ms: number; cpuMs: number; items: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const { planned } = await claimDueNudges(deps, owner);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, items: planned.reduce((n, p) => n + p.keys.length, 0) };
}

/** Median of `SAMPLES` runs after a warm-up, `reset` before each. */
async function oneReplica(deps: CoreDeps, reset: () => Promise<void> | void, setupMs: number): Promise<OneReplica> {
  const ms: number[] = [];
  const cpuMs: number[] = [];
  let items = 0;
  for (let s = 0; s <= SAMPLES; s++) {
    await reset();
    const run = await claimOnce(deps, 'replica-1');
    if (run.items !== SWEEP_DUE) throw new Error(`one replica claimed ${run.items} of ${SWEEP_DUE} due steps`);
    if (s === 0) continue; // warm-up
    ms.push(run.ms);
    cpuMs.push(run.cpuMs);
    items = run.items;
  }
  return { claimMs: median(ms), claimCpuMs: median(cpuMs), items, setupMs };
}

async function sqliteOneReplica(): Promise<OneReplica> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-sweep-pg-bench-'));
  const database = openDatabase(join(dir, 'bench.db'));
  try {
    const t0 = performance.now();
    populateSqlite(database, SHAPE);
    const setupMs = performance.now() - t0;
    const reset = () => {
      database.sqlite.exec(`DELETE FROM deliveries; UPDATE follow_ups SET nudged_at = NULL WHERE id <= ${SWEEP_DUE};`);
    };
    return await oneReplica(depsOf(createSqliteStore(database)), reset, setupMs);
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface ThreeReplicas {
  readonly ms: number;
  /** Keys claimed by more than one replica, in the worst sample. */
  readonly duplicates: number;
  /** Keys claimed by all replicas together (each sample must come to `SWEEP_DUE`). */
  readonly claimed: number;
  /** Due steps without exactly one nudge key in the deliveries table, in the worst sample. */
  readonly wrongSteps: number;
  /** Nudge keys in the deliveries table (each sample must come to `SWEEP_DUE`). */
  readonly ledgerKeys: number;
  /** What each replica claimed and in how many passes, in each sample. */
  readonly splits: string[];
}

interface PostgresResult {
  readonly one: OneReplica;
  readonly three: ThreeReplicas;
  readonly settings: string;
  readonly breakdown: string;
}

/** Time spent in each kind of statement by node-postgres clients while `fn` runs (wall time, including queueing). */
async function statementTimes(fn: () => Promise<unknown>): Promise<string> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const totals = new Map<string, { ms: number; count: number }>();
  const record = (text: unknown, ms: number) => {
    const kind =
      String(text ?? '?')
        .replace(/\s+/g, ' ')
        .match(/^(\w+( \w+){0,3})/)?.[1] ?? '?';
    const t = totals.get(kind) ?? { ms: 0, count: 0 };
    t.ms += ms;
    t.count++;
    totals.set(kind, t);
  };
  proto.query = function (this: unknown, ...args: unknown[]) {
    const start = performance.now();
    const first = args[0];
    const text = typeof first === 'string' ? first : (first as { text?: string } | null)?.text;
    const callback = args.findIndex((a) => typeof a === 'function');
    if (callback >= 0) {
      const cb = args[callback] as (...r: unknown[]) => void;
      args[callback] = (...r: unknown[]) => {
        record(text, performance.now() - start);
        cb(...r);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function')
      (result as Promise<unknown>).then(
        () => record(text, performance.now() - start),
        () => undefined,
      );
    return result;
  };
  const start = performance.now();
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  const wall = performance.now() - start;
  const parts = [...totals]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([kind, t]) => `${kind} ×${t.count} ${Math.round(t.ms)} ms`);
  return `claim ${Math.round(wall)} ms wall: ${parts.join('; ')}`;
}

async function postgres(database: BenchDatabase): Promise<PostgresResult> {
  const stores: OpenedStore[] = [];
  const admin = new pg.Client({ connectionString: database.url });
  try {
    // The first store migrates the database; the data goes in before the others open.
    stores.push(await openStore({ databaseUrl: database.url, dbPath: '' }));
    await admin.connect();
    const t0 = performance.now();
    await populatePostgres(admin, SHAPE);
    const setupMs = performance.now() - t0;
    process.stderr.write(`sweep-postgres: populated PostgreSQL in ${Math.round(setupMs)} ms\n`);
    for (let i = 1; i < REPLICAS; i++) stores.push(await openStore({ databaseUrl: database.url, dbPath: '' }));

    // Each sample starts from the same state: nothing claimed, dead rows vacuumed away.
    const reset = async () => {
      await admin.query('DELETE FROM deliveries');
      await admin.query('UPDATE follow_ups SET nudged_at = NULL WHERE id <= $1', [SWEEP_DUE]);
      await admin.query('VACUUM ANALYZE follow_ups');
      await admin.query('VACUUM ANALYZE deliveries');
    };
    const deps = stores.map((s) => depsOf(s.store));

    const one = await oneReplica(deps[0] as CoreDeps, reset, setupMs);

    // Where one claim's time goes: the statements it sends, and the due select as the server runs it.
    await reset();
    const breakdown = await statementTimes(() => claimDueNudges(deps[0] as CoreDeps, 'replica-1'));
    await reset();
    await admin.query('BEGIN');
    const plan = await admin.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${numbered(DUE_WITH_CONTEXT_SQL)} FOR UPDATE OF follow_ups SKIP LOCKED`,
      [SWEEP_NOW, 50_000],
    );
    await admin.query('ROLLBACK');
    const planText = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    process.stderr.write(`sweep-postgres: ${breakdown}\nsweep-postgres: the due select:\n${planText}\n`);
    const execution = planText.match(/Execution Time: ([\d.]+) ms/)?.[1];

    const times: number[] = [];
    const splits: string[] = [];
    let duplicates = 0;
    let wrongSteps = 0;
    let claimed = 0;
    let ledgerKeys = 0;
    for (let s = 0; s <= SAMPLES; s++) {
      await reset();
      const start = performance.now();
      const perReplica = await Promise.all(
        deps.map(async (d, i) => {
          const keys: string[] = [];
          let passes = 0;
          for (;;) {
            const { planned } = await claimDueNudges(d, `replica-${i + 1}`);
            passes++;
            if (planned.length === 0) return { keys, passes };
            for (const p of planned) keys.push(...p.keys);
          }
        }),
      );
      const elapsed = performance.now() - start;
      const owners = new Map<string, number>();
      for (const { keys } of perReplica) for (const key of keys) owners.set(key, (owners.get(key) ?? 0) + 1);
      const sampleDuplicates = [...owners.values()].filter((n) => n > 1).length;
      const sampleClaimed = perReplica.reduce((n, r) => n + r.keys.length, 0);
      const [check] = (
        await admin.query<{ wrong: string; keys: string }>(
          `SELECT
             (SELECT count(*) FROM follow_ups f
                LEFT JOIN (SELECT subject_id, count(*) AS n FROM deliveries WHERE kind = 'nudge' GROUP BY subject_id) d
                  ON d.subject_id = f.id
               WHERE f.id <= $1 AND coalesce(d.n, 0) <> 1) AS wrong,
             (SELECT count(*) FROM deliveries WHERE kind = 'nudge') AS keys`,
          [SWEEP_DUE],
        )
      ).rows;
      const sampleWrong = Number(check?.wrong);
      const sampleKeys = Number(check?.keys);
      if (sampleDuplicates || sampleClaimed !== SWEEP_DUE || sampleWrong || sampleKeys !== SWEEP_DUE)
        throw new Error(
          `three replicas: ${sampleDuplicates} duplicate keys, ${sampleClaimed} claimed, ${sampleWrong} due steps without exactly one key, ${sampleKeys} nudge keys (expected 0, ${SWEEP_DUE}, 0, ${SWEEP_DUE})`,
        );
      duplicates = Math.max(duplicates, sampleDuplicates);
      wrongSteps = Math.max(wrongSteps, sampleWrong);
      claimed = sampleClaimed;
      ledgerKeys = sampleKeys;
      if (s === 0) continue; // warm-up
      times.push(elapsed);
      splits.push(perReplica.map((r) => `${r.keys.length} in ${r.passes}`).join(' / '));
    }
    return {
      one,
      three: { ms: median(times), duplicates, claimed, wrongSteps, ledgerKeys, splits },
      settings: database.settings,
      breakdown: `${breakdown}; the due select alone, as the server runs it (EXPLAIN ANALYZE): ${execution ?? '?'} ms`,
    };
  } finally {
    await admin.end().catch(() => undefined);
    for (const s of stores) await s.close();
  }
}

/** `?` placeholders as PostgreSQL's `$1, $2, …`. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const loadBefore = loadavg()[0] ?? 0;
const sqlite = await sqliteOneReplica();
process.stderr.write(`sweep-postgres: SQLite ${JSON.stringify(sqlite)}\n`);
const database = await createBenchDatabase();
let pgResult: PostgresResult | { skipped: string };
if ('skipped' in database) pgResult = database;
else {
  try {
    pgResult = await postgres(database);
  } finally {
    await database.drop();
  }
}

const rows: BenchRow[] = [
  { metric: 'SQLite, 1 replica: select, claim, build', value: round(sqlite.claimMs), unit: 'ms' },
];
if ('skipped' in pgResult) {
  rows.push(skippedRow('PostgreSQL, 1 and 3 replicas: select, claim, build', pgResult.skipped));
} else {
  const { one, three } = pgResult;
  rows.push(
    againstBaseline(
      { metric: 'PostgreSQL, 1 replica: select, claim, build', value: round(one.claimMs), unit: 'ms' },
      round(sqlite.claimMs),
    ),
    againstBaseline(
      {
        metric: `PostgreSQL, ${REPLICAS} replicas at once: until all ${SWEEP_DUE.toLocaleString('en')} due steps are claimed`,
        value: round(three.ms),
        unit: 'ms',
      },
      round(one.claimMs),
    ),
    {
      metric: `PostgreSQL, ${REPLICAS} replicas: keys claimed by more than one`,
      value: three.duplicates,
      unit: 'keys',
      target: 0,
    },
    {
      metric: `PostgreSQL, ${REPLICAS} replicas: keys claimed in all`,
      value: three.claimed,
      unit: 'keys',
      target: SWEEP_DUE,
    },
    {
      metric: `PostgreSQL, ${REPLICAS} replicas: due steps without exactly one nudge key in deliveries`,
      value: three.wrongSteps,
      unit: 'steps',
      target: 0,
    },
    againstBaseline(
      { metric: 'CPU time of this process, PostgreSQL, 1 replica', value: round(one.claimCpuMs), unit: 'ms' },
      round(sqlite.claimCpuMs),
    ),
  );
}
rows.push({ metric: 'CPU time, SQLite, 1 replica', value: round(sqlite.claimCpuMs), unit: 'ms' });

const scaled =
  SCALE === 1
    ? ''
    : ` **Scaled down by BENCH_SWEEP_SCALE=${SCALE}** (the full size took too long to populate on this machine).`;
report({
  name: 'sweep on PostgreSQL: due nudges at scale, one and three replicas',
  rows,
  notes:
    `${SHAPE.groups.toLocaleString('en')} groups, ${SHAPE.members.toLocaleString('en')} members, ${SHAPE.followUps.toLocaleString('en')} follow-ups of which ` +
    `${SWEEP_DUE.toLocaleString('en')} are due (the data of the SQLite sweep benchmark).${scaled} "select, claim, build" is \`claimDueNudges\`: one transaction ` +
    `reading the due set (on PostgreSQL with FOR UPDATE SKIP LOCKED), claiming every item in the deliveries ledger and building one nudge per member; ` +
    `median of ${SAMPLES} runs after a warm-up, the due set reset between runs. SQLite: temp file database (WAL, synchronous=NORMAL), setup ` +
    `${Math.round(sqlite.setupMs)} ms; it is the baseline of the PostgreSQL one-replica row. ` +
    ('skipped' in pgResult
      ? `PostgreSQL: skipped (${pgResult.skipped}).`
      : `PostgreSQL: ${pgResult.settings}, a fresh database, populated with multi-row INSERTs of ${POSTGRES_ROWS_PER_STATEMENT.toLocaleString('en')} rows in one ` +
        `transaction then VACUUM ANALYZE (${Math.round(pgResult.one.setupMs / 1000)} s, not timed); after each reset VACUUM ANALYZE of follow_ups and deliveries, ` +
        `so no sample pays for the previous one's dead rows. ${REPLICAS} replicas: ${REPLICAS} stores in this process, each with its own node-postgres pool ` +
        `(as ${REPLICAS} processes would have; their JavaScript shares one thread), started together, each calling \`claimDueNudges\` until it gets nothing; ` +
        `timed until all have stopped, baseline the one-replica PostgreSQL figure. Claimed per replica (keys in passes): ${pgResult.three.splits.join('; ')}. ` +
        `Every sample had 0 duplicate keys, ${pgResult.three.claimed.toLocaleString('en')} claimed in all, and exactly one nudge key per due step in deliveries ` +
        `(${pgResult.three.ledgerKeys.toLocaleString('en')} keys). Where a one-replica claim's time goes (statement wall times in node-postgres): ${pgResult.breakdown}. `) +
    `CPU time is this process's user+system time in the claim, which PostgreSQL's own work is not part of. ${cpus().length} cores, ` +
    `1-minute load average ${loadBefore.toFixed(1)} at the start.`,
});
