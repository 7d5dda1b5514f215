/**
 * Two replicas on one PostgreSQL database changing one group at the same moment. `/rebound setup`
 * for the same channel (Slack and Discord retries can do this, and so can two moderators): one group
 * is made, and the other person is told the channel was just set up, instead of an apology for a
 * failed insert. Admins added at once on both: every one is kept, none overwritten by another's
 * read-modify-write. Runs on the real server only: PGlite is a single connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { createRebound } from '../../src/core/create-rebound.ts';
import type { EventSource } from '../../src/core/events.ts';
import { openStore, type OpenedStore } from '../../src/db/open-store.ts';
import { RecordingChat } from '../fakes/recording-chat.ts';
import { RecordingLogger } from '../fakes/recording-logger.ts';
import { commandEvent } from '../helpers/command-event.ts';
import { createTestDatabase, TEST_DATABASE_URL, type TestDatabase } from '../helpers/stores.ts';

const source = (userId: string): EventSource => ({
  platform: 'slack',
  workspaceId: 'T1',
  channelId: 'C1',
  channelName: 'job-hunt',
  actor: { userId, displayName: userId, timezone: 'Europe/Berlin', isBot: false },
});

describe.skipIf(!TEST_DATABASE_URL)('two replicas changing one group at once', () => {
  let database: TestDatabase;
  let replicas: OpenedStore[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    replicas = [
      await openStore({ databaseUrl: database.url, dbPath: ':memory:' }),
      await openStore({ databaseUrl: database.url, dbPath: ':memory:' }),
    ];
  });
  afterAll(async () => {
    for (const r of replicas) await r.close();
    await database?.drop();
  });

  it('make one group, tell the second person it was set up a moment ago, and keep every admin added at once', async () => {
    const clock = new ManualClock(new Date('2026-11-25T12:00:00Z'));
    const cores = replicas.map((r, i) =>
      createRebound({
        store: r.store,
        chat: new RecordingChat(),
        clock,
        logger: new RecordingLogger(),
        owner: `r${i}`,
      }),
    );
    const replies = await Promise.all(
      cores.map((core, i) => core.handle(commandEvent(source(`U${i + 1}`), 'rebound', 'setup 09:00 Europe/Berlin'))),
    );
    const texts = replies.map((reply) => JSON.stringify(reply));
    expect(texts.filter((t) => t.includes('Someone set up this channel a moment ago'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Something went wrong'))).toHaveLength(0);
    const groups = await replicas[0]?.store.groups.listAll();
    expect(groups).toHaveLength(1);

    // Ten admins added at once, five through each replica: all ten are kept.
    const admin = groups?.[0]?.adminUserIds[0] as string;
    const added = Array.from({ length: 10 }, (_, i) => `A${i}`);
    const answers = await Promise.all(
      added.map((user, i) =>
        (cores[i % 2] as (typeof cores)[number]).handle(
          commandEvent(source(admin), 'rebound', `config admin add @${user}`),
        ),
      ),
    );
    expect(answers.map((a) => JSON.stringify(a)).filter((t) => t.includes('Saved'))).toHaveLength(10);
    const [group] = (await replicas[1]?.store.groups.listAll()) ?? [];
    expect([...(group?.adminUserIds ?? [])].sort()).toEqual([admin, ...added].sort());
  });
});
