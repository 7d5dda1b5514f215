/**
 * SQLite's one connection under async use: transactions that await never take in each other's
 * statements, and another process holding the write lock is waited for on timers, never by
 * blocking the event loop.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports/index.ts';
import type { Group, WorkspaceRef } from '../../src/core/types.ts';
import { openDatabase, type OpenedDatabase } from '../../src/db/sqlite/open.ts';
import { createSqliteStore } from '../../src/db/sqlite/store.ts';

const WS: WorkspaceRef = { platform: 'slack', workspaceId: 'T1' };
const t0 = new Date('2026-11-25T12:00:00Z');

describe('the SQLite gate', () => {
  let dir: string;
  let file: string;
  let database: OpenedDatabase;
  let store: Store;
  let group: Group;
  const users = (sql: string) =>
    (database.sqlite.prepare(sql).all(group.id) as { user_id: string }[]).map((r) => r.user_id);
  const join_ = (userId: string) =>
    store.members.create({ groupId: group.id, workspace: WS, userId, displayName: userId, timezone: null }, t0);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rebound-gate-'));
    file = join(dir, 'rebound.db');
    database = openDatabase(file);
    store = createSqliteStore(database);
    group = await store.groups.create(
      {
        workspace: WS,
        channelId: 'C1',
        name: 'job-hunt',
        timezone: 'UTC',
        checkInMinute: 540,
        checkInDays: [1, 2, 3, 4, 5],
        reminderMinute: 960,
        adminUserIds: [],
      },
      t0,
    );
  });
  afterEach(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('never interleaves two overlapping transactions: the second waits, and the first rolling back undoes only its own', async () => {
    const events: string[] = [];
    const first = store.transaction(async () => {
      await join_('U1');
      events.push('first wrote');
      await sleep(30);
      // Nothing the second transaction or the lone write did is visible from inside the first.
      events.push(`first sees ${users('select user_id from members where group_id = ? order by user_id').join(',')}`);
      throw new Error('first rolls back');
    });
    const second = store.transaction(async () => {
      events.push('second began');
      await join_('U2');
      await sleep(5);
      await join_('U3');
    });
    const lone = join_('U4').then(() => events.push('lone wrote'));
    await expect(first).rejects.toThrow('first rolls back');
    await Promise.all([second, lone]);
    expect(events).toEqual(['first wrote', 'first sees U1', 'second began', 'lone wrote']);
    expect(users('select user_id from members where group_id = ? order by user_id')).toEqual(['U2', 'U3', 'U4']);
  });

  it('waits for another connection holding the write lock without blocking the event loop', async () => {
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const heldFor = 1500;
    const releasedAt = Date.now() + heldFor;
    setTimeout(() => other.exec('COMMIT'), heldFor);

    let last = Date.now();
    let longestGap = 0;
    let ticks = 0;
    const ticker = setInterval(() => {
      const now = Date.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 10);
    try {
      // A transaction (BEGIN IMMEDIATE) and a lone statement, both needing the lock.
      const [member, first] = await Promise.all([
        store.transaction(() => join_('U1')),
        store.inbound.firstDelivery(WS, 'event', 'Ev1', t0),
      ]);
      const doneAt = Date.now();
      expect(member.userId).toBe('U1');
      expect(first).toBe(true);
      expect(doneAt).toBeGreaterThanOrEqual(releasedAt - 5);
      expect(ticks).toBeGreaterThan(heldFor / 10 / 4);
      expect(longestGap).toBeLessThan(250);
    } finally {
      clearInterval(ticker);
      other.close();
    }
  });
});
