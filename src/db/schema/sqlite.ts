/** The SQLite tables, for the SQLite store and for drizzle-kit (`drizzle.sqlite.config.ts`). */
import { defineSchema } from './define.ts';
import { sqliteColumns } from './sqlite-columns.ts';

export const sqliteTables = defineSchema(sqliteColumns);

export const {
  workspaces,
  groups,
  members,
  applications,
  rejections,
  applicationEvents,
  interviews,
  updates,
  feedback,
  followUps,
  posts,
  reactions,
  checkInThreads,
  checkIns,
  deliveries,
  goals,
  pendingEntries,
  forgetConfirmations,
  consoleClocks,
  inboundEvents,
  leases,
  slackInstallations,
} = sqliteTables;
