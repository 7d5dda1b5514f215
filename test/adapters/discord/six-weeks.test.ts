/**
 * The six weeks' story (test/story/six-weeks.ts) through the real Discord adapter in front of the
 * core: each command as an INTERACTION_CREATE with typed options, the story's `a | b | c` fields
 * given to the command's declared field ids in order (skipping optional ones as the text parser
 * does), buttons clicked on the DM they came in, and what the bot said read back from the fake REST.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { decodeCustomId } from '../../../adapters/discord/custom-ids.ts';
import { commandById } from '../../../src/core/commands/declarations.ts';
import type { Field } from '../../../src/core/commands/fields.ts';
import { advanceClock } from '../../../src/scheduler/time-travel.ts';
import {
  buttonClick,
  command,
  GROUP_CHANNEL_ID,
  GUILD_ID,
  MEMBER_PERMISSIONS,
  opt,
  reactionAdd,
  type CommandOption,
  type FakeUser,
} from '../../fakes/discord-packets.ts';
import type { RecordedCall } from '../../fakes/discord-rest.ts';
import { playStory, type SentDm, type StoryDriver } from '../../story/play-story.ts';
import { FIGURES } from '../../story/six-weeks-figures.ts';
import { SETUP, STORY, STORY_START, type Who } from '../../story/six-weeks.ts';
import { MANAGER_PERMISSIONS, startWithCore, type Callback, type WithCore } from './with-core.ts';

const USERS: Readonly<Record<Who, FakeUser>> = {
  alice: { id: '100000000000000001', username: 'alice', global_name: 'alice' },
  bob: { id: '100000000000000002', username: 'bob', global_name: 'bob' },
  cam: { id: '100000000000000003', username: 'cam', global_name: 'cam' },
  dee: { id: '100000000000000004', username: 'dee', global_name: 'dee' },
};
const WHO_LIST = Object.keys(USERS) as Who[];
const WORKSPACE = { platform: 'discord', workspaceId: GUILD_ID } as const;

/** The options of the fields given in order, skipping optional ones the parts left are needed for. */
function optionsFor(fields: readonly Field[], parts: readonly string[]): CommandOption[] {
  const free = [...fields];
  return parts.map((part, i) => {
    const partsLeft = parts.length - i;
    while (free[0] && !free[0].required && partsLeft <= free.filter((f) => f.required).length) free.shift();
    const field = free.shift();
    if (!field) throw new Error(`more fields than the command takes: ${parts.join(' | ')}`);
    return field.kind === 'integer' ? opt.integer(field.id, Number(part)) : opt.string(field.id, part);
  });
}

/** A story line as Discord sends it: `/rebound` words become a subcommand and its options. */
function packetFor(who: Who, line: string) {
  const m = /^\/(\S+)\s*([\s\S]*)$/.exec(line);
  const [name = '', text = ''] = [m?.[1], m?.[2]];
  const context = { user: USERS[who], permissions: who === 'alice' ? MANAGER_PERMISSIONS : MEMBER_PERMISSIONS };
  if (name === 'rebound') {
    const [sub = '', ...words] = text.split(/\s+/).filter((w) => w !== '');
    const declaration = commandById(`rebound ${sub}`);
    if (!declaration) throw new Error(`no /rebound ${sub}`);
    return command('rebound', [opt.sub(sub, optionsFor(declaration.fields, words))], context);
  }
  const declaration = commandById(name);
  if (!declaration) throw new Error(`no /${name}`);
  const parts = text.trim() === '' ? [] : text.split('|').map((p) => p.trim());
  return command(name, optionsFor(declaration.fields, parts), context);
}

interface Body {
  readonly content?: string;
  readonly embeds?: readonly { readonly description?: string }[];
  readonly components?: readonly { readonly components: readonly { custom_id: string; label: string }[] }[];
}

/**
 * Discord's markdown back to the core's plain lines: headings and field labels come in `**bold**`
 * (a field as `**label:** value`), the steps of a nudge carry keycaps, and mentions get a zero-width
 * space; all are compared on their plain meaning.
 */
function plainLines(body: Body | undefined): string[] {
  const text = body?.embeds?.length ? body.embeds.map((e) => e.description ?? '').join('\n') : (body?.content ?? '');
  // A divider is drawn `───` on Discord, `—` in the core's plain lines.
  return text.split('\n').map((line) =>
    line === '───'
      ? '—'
      : line
          .replace(/\*\*/g, '')
          .replace(/\u200b/g, '')
          .replace(/^(?:[0-9]\uFE0F\u20E3|🔟) /u, ''),
  );
}

interface DiscordDm extends SentDm {
  readonly channelId: string;
  readonly messageId: string;
  readonly customIds: ReadonlyMap<string, string>;
}

function discordDriver(world: WithCore): StoryDriver<DiscordDm> {
  const { h } = world;
  const dmChannels = new Map(WHO_LIST.map((who) => [h.rest.dmChannelOf(USERS[who].id), who]));
  const messages = (): RecordedCall[] => h.rest.callsTo('POST', /^\/channels\/\d+\/messages$/);
  const answer = (callback: Callback): string[] => {
    if (callback.type !== 4 && callback.type !== 7) throw new Error(`an answer of type ${callback.type}`);
    return plainLines(callback.data as Body);
  };
  return {
    groupName: 'job-hunt',
    store: world.store,
    now: () => world.clock.now(),
    advanceTo: async (at) => {
      await advanceClock(world.clock, at, {
        nextWake: (after) => world.rebound.nextWakeUp(after),
        sweep: () => world.rebound.sweep(),
      });
    },
    run: async (who, line) => answer(await world.interact(packetFor(who, line))),
    press: async (who, dm, { actionId }) =>
      answer(
        await world.interact(
          buttonClick(dm.customIds.get(actionId ?? '') ?? '', {
            user: USERS[who],
            guildId: null,
            channelId: dm.channelId,
            messageId: dm.messageId,
          }),
        ),
      ),
    async react(who, needle) {
      const post = messages()
        .filter((c) => c.path === `/channels/${GROUP_CHANNEL_ID}/messages`)
        .filter((c) =>
          plainLines(c.body as Body)
            .join('\n')
            .includes(needle),
        )
        .at(-1);
      if (!post) throw new Error(`no group post containing ${needle}`);
      const messageId = (post.answer.body as { id: string }).id;
      const stored = await world.store.posts.findByMessage({
        workspace: WORKSPACE,
        channelId: GROUP_CHANNEL_ID,
        messageId,
      });
      const received = async () => (await world.store.insights.memberFacts(stored?.memberId ?? 0)).reactionsReceived;
      const before = await received();
      h.feed(reactionAdd(messageId, { user: USERS[who], emoji: { id: null, name: '🎉' } }));
      // A gateway event has no answer to wait for: wait until the core has counted it.
      for (let i = 0; i < 200 && (await received()) === before; i++) await new Promise((r) => setTimeout(r, 5));
    },
    dms: () =>
      messages().flatMap((call): DiscordDm[] => {
        const to = dmChannels.get(call.path.split('/')[2] ?? '');
        if (!to) return [];
        const body = call.body as Body;
        const buttons = (body.components ?? []).flatMap((row) => row.components);
        return [
          {
            to,
            lines: plainLines(body),
            buttons: buttons.map((b) => ({ label: b.label, actionId: decodeCustomId(b.custom_id).id })),
            customIds: new Map(buttons.map((b) => [decodeCustomId(b.custom_id).id, b.custom_id])),
            channelId: call.path.split('/')[2] ?? '',
            messageId: (call.answer.body as { id: string }).id,
          },
        ];
      }),
    posts: () =>
      messages()
        .filter((call) => call.path === `/channels/${GROUP_CHANNEL_ID}/messages`)
        .map((call) => plainLines(call.body as Body).join('\n')),
    async memberId(who) {
      const group = await world.store.groups.findByChannel(
        { platform: 'discord', workspaceId: GUILD_ID },
        GROUP_CHANNEL_ID,
      );
      const member = group ? await world.store.members.find(group.id, USERS[who].id) : null;
      if (!member) throw new Error(`${who} is not a member`);
      return member.id;
    },
  };
}

describe('six weeks of a group, on Discord', () => {
  let world: WithCore;
  beforeAll(async () => {
    world = await startWithCore(STORY_START);
  });
  afterAll(() => world.close());

  it('plays the story: due times across both DST changes, celebrations, closed steps, ghosting and its revival, and every figure', async () => {
    await playStory(discordDriver(world), [...SETUP, ...STORY, ...FIGURES]);
  }, 120_000);
});
