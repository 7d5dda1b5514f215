/**
 * The data of the sweep benchmarks: groups, members (one application each) and follow-ups of
 * which the first `SWEEP_DUE` are due at `SWEEP_NOW`, the rest history (done, skipped, cancelled
 * or nudged long ago) or due later. Deterministic, so every size and both databases get the same
 * shape of data. Written with raw inserts straight into the real schema: the setup is not timed.
 */
import type pg from 'pg';
import type { OpenedDatabase } from '../../src/db/sqlite/open.ts';

export const SWEEP_NOW = Date.parse('2026-12-02T12:00:00Z');
export const SWEEP_DUE = 10_000;
const ZONES = ['UTC', 'Europe/Berlin', 'Europe/London', 'Africa/Lagos'];
const RULES = ['request-feedback', 'connect', 'engage', 'stay-in-touch', 'keep-applying', 'log-feedback'];

export interface SweepShape {
  readonly groups: number;
  readonly members: number;
  readonly followUps: number;
}

type Value = string | number | null;

/** A deterministic pseudo-random sequence, so both sizes get the same shape of data. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** `channel_id, name, timezone, created_at` of each group, ids 1… in order. */
function* groupRows({ groups }: SweepShape): Generator<Value[]> {
  for (let i = 1; i <= groups; i++)
    yield [`C${i}`, `group-${i}`, ZONES[i % ZONES.length] ?? 'UTC', SWEEP_NOW - 90 * 86_400_000];
}

/** `group_id, user_id, display_name, joined_at` of each member, ids 1… in order. */
function* memberRows({ groups, members }: SweepShape): Generator<Value[]> {
  for (let i = 1; i <= members; i++)
    yield [((i - 1) % groups) + 1, `U${i}`, `member ${i}`, SWEEP_NOW - 60 * 86_400_000];
}

/** `member_id, company, company_key, created_at, updated_at`: one per member, ids equal to the member's. */
function* applicationRows({ members }: SweepShape): Generator<Value[]> {
  const at = SWEEP_NOW - 30 * 86_400_000;
  for (let i = 1; i <= members; i++) yield [i, `Company ${i % 997}`, `company ${i % 997}`, at, at];
}

/** `member_id, application_id, rule_id, due_at, status, nudged_at, created_at, updated_at`; the first `SWEEP_DUE` are due. */
function* followUpRows({ members, followUps }: SweepShape): Generator<Value[]> {
  const rnd = random(42);
  const created = SWEEP_NOW - 20 * 86_400_000;
  for (let i = 0; i < followUps; i++) {
    const member = 1 + Math.floor(rnd() * members);
    const rule = RULES[i % RULES.length] ?? 'connect';
    if (i < SWEEP_DUE) {
      yield [member, member, rule, SWEEP_NOW - Math.floor(rnd() * 3 * 3600_000), 'pending', null, created, created];
    } else if (i % 2 === 0) {
      // History: steps done, skipped or nudged long ago.
      const past = SWEEP_NOW - Math.floor(rnd() * 200 * 86_400_000) - 86_400_000;
      const status = ['done', 'skipped', 'cancelled', 'pending'][i % 4] ?? 'done';
      yield [member, member, rule, past, status, i % 4 === 3 ? past : null, created, created];
    } else {
      yield [
        member,
        member,
        rule,
        SWEEP_NOW + 60_000 + Math.floor(rnd() * 200 * 86_400_000),
        'pending',
        null,
        created,
        created,
      ];
    }
  }
}

const WORKSPACE_SQL = "INSERT INTO workspaces (platform, workspace_id, created_at) VALUES ('slack', 'T1', ?)";
/** Each table's insert: the fixed columns' values, then the generated ones'. */
const TABLES = [
  {
    rows: groupRows,
    width: 4,
    head: 'INSERT INTO groups (platform, workspace_id, channel_id, name, timezone, check_in_minute, check_in_days, reminder_minute, created_at) VALUES ',
    row: (p: string[]) => `('slack', 'T1', ${p[0]}, ${p[1]}, ${p[2]}, 540, '1,2,3,4,5', 960, ${p[3]})`,
  },
  {
    rows: memberRows,
    width: 4,
    head: 'INSERT INTO members (platform, workspace_id, group_id, user_id, display_name, joined_at) VALUES ',
    row: (p: string[]) => `('slack', 'T1', ${p.join(', ')})`,
  },
  {
    rows: applicationRows,
    width: 5,
    head: 'INSERT INTO applications (platform, workspace_id, member_id, company, company_key, role, status, visibility, created_at, updated_at) VALUES ',
    row: (p: string[]) =>
      `('slack', 'T1', ${p[0]}, ${p[1]}, ${p[2]}, 'Engineer', 'rejected', 'shared', ${p[3]}, ${p[4]})`,
  },
  {
    rows: followUpRows,
    width: 8,
    head: 'INSERT INTO follow_ups (platform, workspace_id, member_id, application_id, rule_id, due_at, status, occurrence, nudged_at, created_at, updated_at) VALUES ',
    row: (p: string[]) => `('slack', 'T1', ${p.slice(0, 5).join(', ')}, 1, ${p.slice(5).join(', ')})`,
  },
] as const;

/** SQLite: one prepared single-row insert per table, all in one transaction. */
export function populateSqlite(database: OpenedDatabase, shape: SweepShape): void {
  const { sqlite } = database;
  sqlite.transaction(() => {
    sqlite.prepare(WORKSPACE_SQL).run(SWEEP_NOW);
    for (const table of TABLES) {
      const insert = sqlite.prepare(table.head + table.row(Array<string>(table.width).fill('?')));
      for (const values of table.rows(shape)) insert.run(values);
    }
  })();
  sqlite.pragma('optimize');
}

/** Rows per PostgreSQL insert statement (the follow-ups have 8 parameters a row). */
export const POSTGRES_ROWS_PER_STATEMENT = 1000;

/** PostgreSQL: multi-row inserts of `POSTGRES_ROWS_PER_STATEMENT` rows, all in one transaction, then VACUUM ANALYZE. */
export async function populatePostgres(client: pg.ClientBase, shape: SweepShape): Promise<void> {
  const marks = (from: number, count: number) => Array.from({ length: count }, (_, k) => `$${from + k}`);
  await client.query('BEGIN');
  try {
    await client.query(WORKSPACE_SQL.replace('?', '$1'), [SWEEP_NOW]);
    for (const table of TABLES) {
      let batch: Value[][] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const { width } = table;
        const text = table.head + batch.map((_, r) => table.row(marks(r * width + 1, width))).join(', ');
        await client.query(text, batch.flat());
        batch = [];
      };
      for (const values of table.rows(shape)) {
        batch.push(values);
        if (batch.length === POSTGRES_ROWS_PER_STATEMENT) await flush();
      }
      await flush();
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  await client.query('VACUUM ANALYZE');
}
