import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/open.ts';
import { createSqliteStore } from '../../src/db/sqlite-store.ts';
import { runRepositoryContract } from './repository-contract.ts';

runRepositoryContract('SQLite in memory', () => {
  const db = openDatabase(':memory:');
  return { store: createSqliteStore(db), close: () => db.close() };
});

runRepositoryContract('SQLite on a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-store-'));
  const db = openDatabase(join(dir, 'sub', 'rebound.db'));
  return {
    store: createSqliteStore(db),
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('opening the database', () => {
  it('uses WAL with foreign keys on, and survives a reopen with its data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebound-open-'));
    const file = join(dir, 'rebound.db');
    try {
      const first = openDatabase(file);
      expect(first.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(first.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      createSqliteStore(first).groups.create(
        {
          workspace: { platform: 'console', workspaceId: 'local' },
          channelId: 'job-hunt',
          name: 'job-hunt',
          timezone: 'UTC',
          checkInMinute: 540,
          checkInDays: [1],
          reminderMinute: 960,
          adminUserIds: [],
        },
        new Date('2026-11-25T00:00:00Z'),
      );
      first.close();
      const again = openDatabase(file);
      expect(createSqliteStore(again).groups.listAll()).toHaveLength(1);
      again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
});
