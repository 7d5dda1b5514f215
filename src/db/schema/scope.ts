import type { Columns } from './sqlite-columns.ts';

/** Every row carries `platform` + `workspace_id`, so no query can cross workspaces by accident. */
export function scopeColumns({ text }: Columns) {
  return {
    platform: text('platform', { enum: ['slack', 'discord', 'console'] }).notNull(),
    workspaceId: text('workspace_id').notNull(),
  };
}
