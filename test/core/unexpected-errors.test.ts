import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { APOLOGY, createRebound } from '../../src/core/create-rebound.ts';
import type { InboundEvent } from '../../src/core/events.ts';
import type { Store } from '../../src/core/ports/index.ts';
import { openDatabase, type OpenedDatabase } from '../../src/db/open.ts';
import { createSqliteStore } from '../../src/db/sqlite-store.ts';
import { RecordingChat } from '../fakes/recording-chat.ts';
import { replyText } from '../helpers/core.ts';
import { RecordingLogger } from './sweep/sweep-harness.ts';

let database: OpenedDatabase;
afterEach(() => database?.close());

/** A real store whose channel lookup fails, as a locked or unreachable database would. */
function storeWithBrokenGroupLookup(): Store {
  database = openDatabase(':memory:');
  const store = createSqliteStore(database);
  return {
    ...store,
    groups: {
      ...store.groups,
      findByChannel: () => {
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
    const rebound = createRebound({
      store: storeWithBrokenGroupLookup(),
      chat: new RecordingChat(),
      clock: new ManualClock(new Date('2026-11-25T12:00:00Z')),
      logger,
    });
    const reply = await rebound.handle(command);
    expect(reply.type).toBe('private');
    expect(replyText(reply)).toBe(APOLOGY);
    expect(replyText(reply)).not.toContain('database is locked');
    expect(logger.lines.some((l) => l.level === 'error' && l.message === 'event failed')).toBe(true);
  });

  it('a logger that throws does not change the answer', async () => {
    database = openDatabase(':memory:');
    const failing = () => {
      throw new Error('log sink closed');
    };
    const rebound = createRebound({
      store: createSqliteStore(database),
      chat: new RecordingChat(),
      clock: new ManualClock(new Date('2026-11-25T12:00:00Z')),
      logger: { info: failing, warn: failing, error: failing },
    });
    const reply = await rebound.handle({
      ...command,
      command: 'rebound setup',
      values: { time: '09:00', timezone: 'Europe/Berlin' },
    });
    expect(replyText(reply)).not.toBe(APOLOGY);
    expect(reply.type).toBe('private');
  });
});
