/**
 * The sweep's page of due steps reads open steps only: SQLite's plan for it goes through the
 * partial indexes of open steps, never through an index of every step a member ever had (whose
 * cost grows with history: a million closed steps made one page of the sweep four times slower).
 */
import { expect, it } from 'vitest';
import { DUE_PAGE_SQL, DUE_WITH_CONTEXT_SQL } from '../../src/db/repositories/raw-rows.ts';
import { openDatabase } from '../../src/db/sqlite/open.ts';

function plan(sql: string, params: readonly number[]): string[] {
  const database = openDatabase(':memory:');
  try {
    const rows = database.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
    return rows.map((r) => r.detail);
  } finally {
    database.close();
  }
}

it('finds the members of a page and their due steps through the index of open steps by member', () => {
  const steps = plan(DUE_PAGE_SQL, [0, 0, 0, 100]).filter((d) => d.includes('follow_ups'));
  expect(steps.length).toBeGreaterThanOrEqual(2);
  for (const step of steps) expect(step).toContain('USING INDEX follow_ups_open_member_idx');
});

it('finds the due steps by due time through the index of open steps by due time', () => {
  const steps = plan(DUE_WITH_CONTEXT_SQL, [0, 100]).filter((d) => d.includes('follow_ups'));
  expect(steps).toEqual([expect.stringContaining('USING INDEX follow_ups_open_due_idx')]);
});
