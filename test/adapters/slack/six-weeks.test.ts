/**
 * The six weeks' story (test/story/six-weeks.ts) through the real Slack adapter in front of the
 * core: slash commands form-encoded and signed as Slack sends them, buttons pressed as
 * block_actions on the DM they came in, and what the bot said read back from the fake Web API.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { slackMarkupToPlain } from '../../../adapters/slack/slack-text.ts';
import { advanceClock } from '../../../src/scheduler/time-travel.ts';
import type { RecordedCall } from '../../fakes/slack-web-api.ts';
import { playStory, type SentDm, type StoryDriver } from '../../story/play-story.ts';
import { FIGURES } from '../../story/six-weeks-figures.ts';
import { SETUP, STORY, STORY_START, ZONES, type Who } from '../../story/six-weeks.ts';
import { startSlackWithCore, WORKSPACE, type Answer, type SlackWithCore } from './with-core.ts';

const USERS: Readonly<Record<Who, string>> = { alice: 'U1', bob: 'U2', cam: 'U3', dee: 'U4' };
/** A DM goes to the user id, or to the DM channel Slack answered with before (the fake's is `D` + the id's rest). */
const WHO = new Map(
  Object.entries(USERS).flatMap(([who, id]) => [
    [id, who as Who],
    [`D${id.slice(1)}`, who as Who],
  ]),
);

interface SlackBlock {
  readonly type: string;
  readonly text?: { readonly text: string };
  readonly fields?: readonly { readonly text: string }[];
  readonly elements?: readonly { readonly action_id?: string; readonly text?: { readonly text: string } | string }[];
}

const blocksOf = (call: Answer | undefined): readonly SlackBlock[] =>
  (call?.params['blocks'] as readonly SlackBlock[] | undefined) ?? [];

/**
 * Block Kit back to the core's plain lines: Slack escapes `&`, `<` and `>` and renders a field as
 * `*label*\nvalue` in mrkdwn; both are compared on their plain meaning (`label: value`).
 */
function plainLines(blocks: readonly SlackBlock[]): string[] {
  return blocks.flatMap((block): string[] => {
    if (block.type === 'header') return [slackMarkupToPlain(block.text?.text ?? '')];
    if (block.type === 'divider') return ['—'];
    if (block.type !== 'section') return [];
    if (block.fields)
      return block.fields.map((f) => {
        const m = /^\*([\s\S]*?)\*\n([\s\S]*)$/.exec(f.text);
        return m ? `${slackMarkupToPlain(m[1] ?? '')}: ${slackMarkupToPlain(m[2] ?? '')}` : slackMarkupToPlain(f.text);
      });
    return slackMarkupToPlain(block.text?.text ?? '').split('\n');
  });
}

function buttonsOf(blocks: readonly SlackBlock[]): { label: string; actionId: string }[] {
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .map((e) => ({ label: typeof e.text === 'string' ? e.text : (e.text?.text ?? ''), actionId: e.action_id ?? '' }));
}

interface SlackDm extends SentDm {
  readonly channel: string;
  readonly ts: string;
}

function slackDriver(h: SlackWithCore): StoryDriver<SlackDm> {
  const { api } = h.rig;
  const posts = (): RecordedCall[] => api.callsTo('chat.postMessage');
  return {
    groupName: 'job-hunt',
    store: h.store,
    now: () => h.clock.now(),
    advanceTo: async (at) => {
      await advanceClock(h.clock, at, {
        nextWake: (after) => h.rebound.nextWakeUp(after),
        sweep: () => h.rebound.sweep(),
      });
    },
    async run(who, line) {
      const m = /^(\/\S+)\s*([\s\S]*)$/.exec(line);
      const res = await h.command(USERS[who], m?.[1] ?? '', m?.[2] ?? '');
      if (res.status !== 200) throw new Error(`Slack got ${res.status} for ${line}`);
      return plainLines(blocksOf(h.answer(res)));
    },
    async press(who, dm, { actionId }) {
      const before = api.calls.length;
      const res = await h.click(USERS[who], actionId ?? '', { channel: dm.channel, ts: dm.ts });
      if (res.status !== 200) throw new Error(`Slack got ${res.status} for the press of ${actionId}`);
      // The answer replaces the DM: through the response_url, or chat.update.
      const answer = api.calls
        .slice(before)
        .filter((c) => c.method === 'response_url' || c.method === 'chat.update')
        .at(-1);
      return plainLines(blocksOf(answer));
    },
    async react(who, needle) {
      const post = posts()
        .filter((c) => c.params['channel'] === 'C1' && plainLines(blocksOf(c)).join('\n').includes(needle))
        .at(-1);
      if (!post) throw new Error(`no group post containing ${needle}`);
      const res = await h.reaction('reaction_added', USERS[who], String(post.response['ts']));
      if (res.status !== 200) throw new Error(`Slack got ${res.status} for the reaction`);
    },
    dms: () =>
      posts()
        .flatMap((c) => {
          const to = WHO.get(String(c.params['channel']));
          return to ? [{ call: c, to }] : [];
        })
        .map(({ call: c, to }) => ({
          to,
          lines: plainLines(blocksOf(c)),
          buttons: buttonsOf(blocksOf(c)),
          channel: String(c.response['channel']),
          ts: String(c.response['ts']),
        })),
    posts: () =>
      posts()
        .filter((c) => c.params['channel'] === 'C1')
        .map((c) => plainLines(blocksOf(c)).join('\n')),
    async memberId(who) {
      const group = await h.store.groups.findByChannel(WORKSPACE, 'C1');
      const member = group ? await h.store.members.find(group.id, USERS[who]) : null;
      if (!member) throw new Error(`${who} is not a member`);
      return member.id;
    },
  };
}

describe('six weeks of a group, on Slack', () => {
  let h: SlackWithCore;
  beforeAll(async () => {
    h = await startSlackWithCore({ setUp: false });
    h.rig.api.addUser({ id: 'U3', name: 'cam', tz: ZONES.cam });
    h.rig.api.addUser({ id: 'U4', name: 'dee', tz: ZONES.dee });
    h.clock.set(STORY_START);
  });
  afterAll(() => h.stop());

  it('plays the story: due times across both DST changes, celebrations, closed steps, ghosting and its revival, and every figure', async () => {
    await playStory(slackDriver(h), [...SETUP, ...STORY, ...FIGURES]);
  }, 120_000);
});
