/** Opening the SQLite database: WAL, foreign keys, the sweep's index, and one clear line when it cannot be used. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreOpenError } from '../../src/db/errors.ts';
import { openStore } from '../../src/db/open-store.ts';
import { openDatabase } from '../../src/db/sqlite/open.ts';
import { createSqliteStore } from '../../src/db/sqlite/store.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rebound-open-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const group = {
  workspace: { platform: 'console', workspaceId: 'local' },
  channelId: 'job-hunt',
  name: 'job-hunt',
  timezone: 'UTC',
  checkInMinute: 540,
  checkInDays: [1],
  reminderMinute: 960,
  adminUserIds: [],
} as const;

describe('opening the SQLite database', () => {
  it('uses WAL with foreign keys on, and survives a reopen with its data', async () => {
    const file = join(dir, 'rebound.db');
    const first = openDatabase(file);
    expect(first.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(first.migrationsApplied).toBeGreaterThan(10);
    await createSqliteStore(first).groups.create(group, new Date('2026-11-25T00:00:00Z'));
    first.close();
    const again = await openStore({ dbPath: file });
    expect(again.kind).toBe('sqlite');
    expect(again.migrationsApplied).toBe(0);
    expect(await again.store.groups.listAll()).toHaveLength(1);
    await again.close();
  });

  it('has an index the sweep can use to find due follow-ups without scanning history', () => {
    const db = openDatabase(':memory:');
    const plan = db.sqlite
      .prepare(
        "explain query plan select * from follow_ups where status in ('pending', 'snoozed') and nudged_at is null and due_at <= ? order by due_at limit 10",
      )
      .all(Date.now()) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/follow_ups_open_due_idx/);
    db.close();
  });

  it('keeps the console clock across a reopen', async () => {
    const file = join(dir, 'rebound.db');
    const first = await openStore({ dbPath: file });
    await first.consoleClock('local').save(new Date('2026-12-01T09:00:00Z'));
    await first.close();
    const again = await openStore({ dbPath: file });
    expect(await again.consoleClock('local').load()).toEqual(new Date('2026-12-01T09:00:00Z'));
    expect(await again.consoleClock('other').load()).toBeNull();
    await again.consoleClock('local').save(null);
    expect(await again.consoleClock('local').load()).toBeNull();
    await again.close();
  });
});

describe('a REBOUND_DB that cannot be used stops start-up with one line naming it', () => {
  const refusal = async (dbPath: string) => {
    const error = await openStore({ dbPath }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as StoreOpenError).setting).toBe('REBOUND_DB');
    expect((error as StoreOpenError).message).not.toContain('\n');
    return (error as StoreOpenError).message;
  };

  it('a folder', async () => {
    expect(await refusal(dir)).toBe(`REBOUND_DB: ${dir} is a folder, not a database file`);
  });

  it('a file that is not a database', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'these are my notes, not a database\n'.repeat(200));
    expect(await refusal(file)).toBe(`REBOUND_DB: ${file} is not a SQLite database file`);
  });

  it('a path through a file', async () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'x');
    expect(await refusal(join(file, 'rebound.db'))).toMatch(/^REBOUND_DB: the folder of .* is not a folder/);
  });
});
