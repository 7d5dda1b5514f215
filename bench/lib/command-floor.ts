/**
 * The floor under the core's write path: the rows /applied and /rejected store (an application and
 * its group post; an application, a rejection, seven follow-ups and a post), written with raw
 * prepared better-sqlite3 statements into the real schema, one transaction per command. What the
 * core adds on top of this is its own cost; the rest is SQLite's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/sqlite/open.ts';

export function measureCommandFloor(commands: number): { perSecond: number } {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-floor-'));
  const database = openDatabase(join(dir, 'floor.db'));
  try {
    const s = database.sqlite;
    s.prepare("INSERT INTO workspaces (platform, workspace_id, created_at) VALUES ('slack', 'T1', 1)").run();
    s.prepare(
      "INSERT INTO groups (platform, workspace_id, channel_id, name, timezone, check_in_minute, check_in_days, reminder_minute, created_at) VALUES ('slack', 'T1', 'C1', 'g', 'UTC', 540, '1,2,3,4,5', 960, 1)",
    ).run();
    s.prepare(
      "INSERT INTO members (platform, workspace_id, group_id, user_id, display_name, joined_at) VALUES ('slack', 'T1', 1, 'U1', 'u', 1)",
    ).run();
    const app = s.prepare(
      "INSERT INTO applications (platform, workspace_id, member_id, company, company_key, role, status, visibility, created_by_rejection, created_at, updated_at) VALUES ('slack', 'T1', 1, ?, ?, 'Backend Engineer', ?, 'shared', 0, ?, ?) RETURNING id",
    );
    const rejection = s.prepare(
      "INSERT INTO rejections (platform, workspace_id, application_id, member_id, stage, note, rejected_on, created_at) VALUES ('slack', 'T1', ?, 1, 'interview', 'note', ?, ?)",
    );
    const step = s.prepare(
      "INSERT INTO follow_ups (platform, workspace_id, member_id, application_id, rule_id, due_at, status, occurrence, created_at, updated_at) VALUES ('slack', 'T1', 1, ?, 'connect', ?, 'pending', 1, ?, ?)",
    );
    const post = s.prepare(
      "INSERT INTO posts (platform, workspace_id, group_id, member_id, subject, subject_id, channel_id, message_id, created_at) VALUES ('slack', 'T1', 1, 1, 'application', ?, 'C1', ?, ?)",
    );
    const applied = s.transaction((i: number) => {
      const { id } = app.get(`Company ${i}`, `company ${i}`, 'applied', i, i) as { id: number };
      post.run(id, `m${i}`, i);
    });
    const rejected = s.transaction((i: number) => {
      const { id } = app.get(`Company ${i}`, `company ${i}`, 'rejected', i, i) as { id: number };
      rejection.run(id, i, i);
      for (let k = 0; k < 7; k++) step.run(id, i + k, i, i);
      post.run(id, `m${i}`, i);
    });
    const start = performance.now();
    for (let i = 0; i < commands; i++) (i % 2 === 0 ? applied : rejected).immediate(i);
    return { perSecond: (commands / (performance.now() - start)) * 1000 };
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
