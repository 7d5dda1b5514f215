import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase } from '../../src/db/open.ts';

interface Journal {
  readonly entries: readonly { readonly tag: string }[];
}

/** A copy of the migrations folder holding only the migrations up to and including `lastTag`. */
function migrationsUpTo(lastTag: string, dir: string): string {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as Journal;
  const last = journal.entries.findIndex((e) => e.tag === lastTag);
  expect(last).toBeGreaterThanOrEqual(0);
  const entries = journal.entries.slice(0, last + 1);
  const folder = join(dir, 'migrations');
  mkdirSync(join(folder, 'meta'), { recursive: true });
  for (const { tag } of entries) copyFileSync(join(MIGRATIONS_FOLDER, `${tag}.sql`), join(folder, `${tag}.sql`));
  writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  return folder;
}

describe('migrations', () => {
  it('give ledger rows written before the local-date column their day, so paused days still excuse a streak', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebound-migrate-'));
    const file = join(dir, 'rebound.db');
    try {
      const old = new Database(file);
      migrate(drizzle(old), { migrationsFolder: migrationsUpTo('0001_applications_created_by_rejection', dir) });
      const insert = old.prepare(
        "INSERT INTO deliveries (platform, workspace_id, key, kind, member_id, subject_id, owner, status, attempts, claimed_at) VALUES ('slack', 'T1', ?, ?, NULL, 1, 'a', 'sent', 0, 0)",
      );
      insert.run('reminder:12:2026-11-23', 'reminder-paused');
      insert.run('reminder:12:2026-11-24', 'reminder');
      insert.run('checkin:3:2026-11-24', 'checkin');
      insert.run('nudge:5:1795641066467', 'nudge');
      insert.run('digest:3:2026-W47', 'digest');
      old.close();

      const db = openDatabase(file);
      const rows = db.sqlite.prepare('SELECT key, local_date FROM deliveries ORDER BY id').all();
      db.close();
      expect(rows).toEqual([
        { key: 'reminder:12:2026-11-23', local_date: '2026-11-23' },
        { key: 'reminder:12:2026-11-24', local_date: '2026-11-24' },
        { key: 'checkin:3:2026-11-24', local_date: '2026-11-24' },
        { key: 'nudge:5:1795641066467', local_date: null },
        { key: 'digest:3:2026-W47', local_date: null },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
