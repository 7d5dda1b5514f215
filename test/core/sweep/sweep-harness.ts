/**
 * Scheduler test helpers on top of the shared core harness: a group set up in a zone, members
 * joined with their own zones, a rebound with a recorded retry wait and a recording logger.
 */
import { createRebound, type Rebound } from '../../../src/core/create-rebound.ts';
import type { Logger } from '../../../src/core/ports/index.ts';
import { createHarness, type Harness } from '../../helpers/core.ts';

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly fields: Readonly<Record<string, string | number | boolean | null>>;
  readonly message: string;
}

export class RecordingLogger implements Logger {
  readonly lines: LogLine[] = [];
  info(fields: LogLine['fields'], message: string): void {
    this.lines.push({ level: 'info', fields, message });
  }
  warn(fields: LogLine['fields'], message: string): void {
    this.lines.push({ level: 'warn', fields, message });
  }
  error(fields: LogLine['fields'], message: string): void {
    this.lines.push({ level: 'error', fields, message });
  }
}

export interface GroupHarness extends Harness {
  /** A second core on the same store, chat and clock, with recorded waits and logs. */
  readonly core: Rebound;
  readonly waits: number[];
  readonly logs: RecordingLogger;
  readonly groupId: number;
  memberId(userId: string): number;
}

/** A group in channel C1 set up by alice (`/rebound setup 09:00 {zone} {days}`), with more members joined. */
export async function groupHarness(options: {
  start: Date;
  zone: string;
  days?: string;
  time?: string;
  members?: readonly { userId: string; timezone?: string }[];
  file?: string;
}): Promise<GroupHarness> {
  const h = createHarness({ start: options.start, ...(options.file ? { file: options.file } : {}) });
  await h.command(
    { userId: 'alice', timezone: options.zone },
    'rebound',
    `setup ${options.time ?? '09:00'} ${options.zone} ${options.days ?? 'mon-fri'}`,
  );
  for (const m of options.members ?? [{ userId: 'alice' }]) {
    await h.command(m.timezone ? { userId: m.userId, timezone: m.timezone } : m.userId, 'rebound', 'join');
  }
  const group = h.store.groups.findByChannel({ platform: 'slack', workspaceId: 'T1' }, 'C1');
  if (!group) throw new Error('the group was not set up');
  h.chat.clear(); // the setup's welcome post
  const waits: number[] = [];
  const logs = new RecordingLogger();
  const core = createRebound({
    store: h.store,
    chat: h.chat,
    clock: h.clock,
    logger: logs,
    owner: 'test',
    wait: async (ms) => void waits.push(ms),
  });
  return {
    ...h,
    core,
    waits,
    logs,
    groupId: group.id,
    memberId(userId) {
      const m = h.store.members.find(group.id, userId);
      if (!m) throw new Error(`${userId} is not a member`);
      return m.id;
    },
  };
}

/** When a delivery was marked sent, as an ISO string (null when it was not). */
export function sentAt(h: Harness, key: string): string | null {
  return h.store.deliveries.get(key)?.sentAt?.toISOString() ?? null;
}

export const isNudge = (text: string) => /from your plan (is|are) due/.test(text);
export const isReminder = (text: string) => /check-in .* is still open/.test(text);
