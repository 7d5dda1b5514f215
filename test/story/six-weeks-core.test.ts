import { describe, it } from 'vitest';
import { messageButtons, messageToPlainLines } from '../../src/core/messages.ts';
import { createWorld, replyText, type World } from '../helpers/world.ts';
import { playStory, type SentDm, type StoryDriver } from './play-story.ts';
import { FIGURES } from './six-weeks-figures.ts';
import { SETUP, STORY, STORY_START, type Who } from './six-weeks.ts';

interface CoreDm extends SentDm {
  readonly channelId: string;
  readonly messageId: string;
}

/** The story through the core's test world: commands as the console reads them, buttons by action id. */
function coreDriver(world: World): StoryDriver<CoreDm> {
  const lines = (reply: Parameters<typeof replyText>[0]) => replyText(reply).split('\n');
  return {
    groupName: 'job-hunt',
    store: world.store,
    now: () => world.clock.now(),
    advanceTo: (at) => world.advanceTo(at),
    run: async (who, line) => lines(await world.run(who, line)),
    press: async (who, dm, button) =>
      lines(await world.click(who, button.actionId ?? '', { channelId: dm.channelId, messageId: dm.messageId })),
    react: async (who, needle) => void (await world.react(who, needle, '🎉')),
    dms: () =>
      world.chat.sent
        .filter((s) => s.kind === 'dm')
        .map((s) => ({
          to: s.to as Who,
          lines: messageToPlainLines(s.message),
          buttons: messageButtons(s.message),
          channelId: s.sent.channelId,
          messageId: s.sent.messageId,
        })),
    posts: () => world.chat.sent.filter((s) => s.kind === 'channel').map((s) => s.text),
    async memberId(who) {
      const group = await world.store.groups.findByChannel({ platform: 'slack', workspaceId: 'T1' }, 'C1');
      const member = group ? await world.store.members.find(group.id, who) : null;
      if (!member) throw new Error(`${who} is not a member`);
      return member.id;
    },
  };
}

describe('six weeks of a group, through the core', () => {
  // The world is built in the test, so the store the test project gives worlds (SQLite, or
  // PostgreSQL with test/helpers/postgres-world.setup.ts) is the one it plays on.
  it('plays the story: due times across both DST changes, celebrations, closed steps, ghosting and its revival, and every figure', async () => {
    const world = createWorld({ start: STORY_START });
    try {
      await playStory(coreDriver(world), [...SETUP, ...STORY, ...FIGURES]);
    } finally {
      world.close();
    }
  });
});
