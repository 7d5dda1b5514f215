import { afterEach, describe, expect, it } from 'vitest';
import { APOLOGY } from '../../src/core/create-rebound.ts';
import type { InboundEvent } from '../../src/core/events.ts';
import type { Store } from '../../src/core/ports/index.ts';
import type { OpenedDatabase } from '../../src/db/sqlite/open.ts';
import { RecordingChat } from '../fakes/recording-chat.ts';
import { createTestCore, replyText } from '../helpers/world.ts';
import { RecordingLogger } from '../fakes/recording-logger.ts';

let database: OpenedDatabase;
afterEach(() => database?.close());

/** A real store whose channel lookup fails, as a locked or unreachable database would. */
function breakGroupLookup(store: Store): Store {
  return {
    ...store,
    groups: {
      ...store.groups,
      findByChannel: async () => {
        throw new Error('database is locked');
      },
    },
  };
}

const command = {
  kind: 'command',
  command: 'followups',
  values: {},
  source: {
    platform: 'slack',
    workspaceId: 'T1',
    channelId: 'C1',
    actor: { userId: 'alice', displayName: 'alice', isBot: false },
  },
} as const satisfies InboundEvent;

describe('handle never throws', () => {
  it('a store failing in the group lookup yields the one apology and an error log line, not a rejection', async () => {
    const logger = new RecordingLogger();
    const core = createTestCore({ chat: new RecordingChat(), logger, wrapStore: breakGroupLookup });
    database = core.database;
    const rebound = core.rebound;
    const reply = await rebound.handle(command);
    expect(reply.type).toBe('private');
    expect(replyText(reply)).toBe(APOLOGY);
    expect(replyText(reply)).not.toContain('database is locked');
    expect(logger.lines.some((l) => l.level === 'error' && l.message === 'event failed')).toBe(true);
  });

  it('a logger that throws does not change the answer', async () => {
    const failing = () => {
      throw new Error('log sink closed');
    };
    const core = createTestCore({
      chat: new RecordingChat(),
      logger: { info: failing, warn: failing, error: failing },
    });
    database = core.database;
    const rebound = core.rebound;
    const reply = await rebound.handle({
      ...command,
      command: 'rebound setup',
      values: { time: '09:00', timezone: 'Europe/Berlin' },
    });
    expect(replyText(reply)).not.toBe(APOLOGY);
    expect(reply.type).toBe('private');
  });
});
