/**
 * The baseline other write benchmarks compare against: bare better-sqlite3, one row per
 * transaction, into a file database set up the way the bot's database is (WAL, synchronous
 * NORMAL). Anything the store adds on top (drizzle, repositories, ledger rows) shows as a ratio to
 * this number measured on the same machine in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export const BARE_INSERT_SETUP =
  'bare better-sqlite3, temp file database, journal_mode=WAL, synchronous=NORMAL, one single-row INSERT per transaction';

export interface BareInsertOptions {
  /** How long to keep inserting, after a short warm-up. Default 1000 ms. */
  readonly durationMs?: number;
}

export interface BareInsertResult {
  readonly transactionsPerSecond: number;
  readonly transactions: number;
  readonly elapsedMs: number;
}

const WARM_UP = 500;
/** Read the clock once per batch, so the clock is not what is measured. */
const BATCH = 100;

export function measureBareInserts(options: BareInsertOptions = {}): BareInsertResult {
  const durationMs = options.durationMs ?? 1000;
  const directory = mkdtempSync(join(tmpdir(), 'rebound-bench-'));
  const database = new Database(join(directory, 'bare.db'));
  try {
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.exec(
      'CREATE TABLE applications (id INTEGER PRIMARY KEY, member_id INTEGER NOT NULL, company TEXT NOT NULL, role TEXT NOT NULL, created_at INTEGER NOT NULL)',
    );
    const insert = database.prepare(
      'INSERT INTO applications (member_id, company, role, created_at) VALUES (?, ?, ?, ?)',
    );
    const insertOne = database.transaction((n: number) => {
      insert.run(n % 50, `Company ${n}`, 'Backend Engineer', 1_700_000_000_000 + n);
    });

    let n = 0;
    for (; n < WARM_UP; n += 1) insertOne(n);

    let transactions = 0;
    const start = performance.now();
    let elapsedMs = 0;
    while (elapsedMs < durationMs) {
      for (let i = 0; i < BATCH; i += 1, n += 1) insertOne(n);
      transactions += BATCH;
      elapsedMs = performance.now() - start;
    }
    return { transactionsPerSecond: (transactions / elapsedMs) * 1000, transactions, elapsedMs };
  } finally {
    database.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
