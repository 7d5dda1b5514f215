/** The PostgreSQL tables, for the PostgreSQL store and for drizzle-kit (`drizzle.postgres.config.ts`). */
import { defineSchema } from './define.ts';
import { postgresColumns } from './postgres-columns.ts';

export const postgresTables = defineSchema(postgresColumns);

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
} = postgresTables;
