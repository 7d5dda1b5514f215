/**
 * The Slack adapter wired to the real core on an in-memory SQLite database, with a fake clock and
 * a recorded retry wait, and helpers that send what Slack sends.
 */
import type { SlackAdapterConfig } from '../../../adapters/slack/index.ts';
import type { ManualClock } from '../../../src/core/clock.ts';
import type { Rebound } from '../../../src/core/create-rebound.ts';
import type { Store } from '../../../src/core/ports/index.ts';
import type { Member } from '../../../src/core/types.ts';
import { DOCUMENTED_REACTION_ADDED } from '../../fakes/slack-payloads.ts';
import type { SlackResponse } from '../../fakes/slack-requests.ts';
import type { RecordedCall } from '../../fakes/slack-web-api.ts';
import { createTestCore, type TestCore } from '../../helpers/world.ts';
import { BOT_USER_ID, buttonPress, startSlackRig, type SlackTestRig } from './harness.ts';

export const WORKSPACE = { platform: 'slack', workspaceId: 'T1' } as const;
export const DAY = 24 * 60 * 60 * 1000;

export interface SlackWithCore {
  readonly rig: SlackTestRig;
  readonly store: Store;
  readonly clock: ManualClock;
  readonly rebound: Rebound;
  /** Every retry wait the core asked for, in ms. */
  readonly waits: number[];
  command(userId: string, name: string, text: string, triggerId?: string): Promise<SlackResponse>;
  /**
   * The private answer a command got: what its acknowledgement carried or, when the work outlasted
   * the budget (a slow moment on a busy machine), the last one through a response_url. Tests of
   * which way an answer travels read `acknowledged` and the fake's calls themselves.
   */
  answer(res: SlackResponse): Answer | undefined;
  click(userId: string, actionId: string, sent: { channel: string; ts: string }): Promise<SlackResponse>;
  reaction(
    type: 'reaction_added' | 'reaction_removed',
    user: string,
    ts: string,
    eventId?: string,
  ): Promise<SlackResponse>;
  /** Submits a modal that `views.open` opened, with one input per block (block id = action id = field id). */
  submit(
    userId: string,
    opened: OpenedView,
    title: string,
    inputs: Readonly<Record<string, { type: string; value: string }>>,
  ): Promise<SlackResponse>;
  member(userId: string): Promise<Member>;
  stop(): Promise<void>;
}

let eventId = 0;
let viewId = 0;

/** The part of a `views.open` call's view that Slack sends back on submission. */
export interface OpenedView {
  readonly callback_id: string;
  readonly private_metadata: string;
}

export interface SlackWithCoreOptions {
  /** A database file instead of `:memory:`: a second rig on it is another process on the same store. */
  readonly file?: string;
  /** Set C1 up as a group first (default true); a rig on a file already set up skips it. */
  readonly setUp?: boolean;
  /** Settings of the adapter other than the rig's, e.g. a short `homeSpacingMs`. */
  readonly adapter?: Partial<SlackAdapterConfig>;
}

/** Starts everything and makes C1 a group set up by U1 (alice); the fake's record is then cleared. */
export async function startSlackWithCore(options: SlackWithCoreOptions = {}): Promise<SlackWithCore> {
  // The core is built on the adapter's chat port, then handed to the adapter before it starts.
  const built: TestCore[] = [];
  const rig = await startSlackRig((chat, logger) => {
    const start = new Date('2026-11-25T10:00:00Z'); // a Wednesday
    const core = createTestCore({ chat, logger, start, ...(options.file ? { file: options.file } : {}) });
    built.push(core);
    return {
      handler: core.rebound,
      ledger: core.store.inbound,
      clock: core.clock,
      workspaces: core.rebound.workspaces,
    };
  }, options.adapter);
  const [core] = built;
  if (!core) throw new Error('the adapter did not build the core');
  const { store, clock, rebound, waits, database } = core;

  const harness: SlackWithCore = {
    rig,
    store,
    clock,
    rebound,
    waits,
    command: (userId, name, text, triggerId?: string) =>
      rig.slack.command({
        command: name,
        text,
        userId,
        userName: userId === 'U1' ? 'alice' : 'bob',
        responseUrl: rig.api.responseUrl(`${name.slice(1)}-${userId}`),
        ...(triggerId ? { triggerId } : {}),
      }),
    answer: (res) => acknowledged(res) ?? rig.api.callsTo('response_url').at(-1),
    click: (userId, actionId, sent) =>
      rig.slack.interaction(
        buttonPress({
          userId,
          channel: sent.channel,
          ts: sent.ts,
          actionId,
          responseUrl: rig.api.responseUrl(`click-${userId}`),
        }),
      ),
    reaction: (type, user, ts, id = `EvE${++eventId}`) =>
      rig.slack.event({
        ...DOCUMENTED_REACTION_ADDED,
        team_id: 'T1',
        event_id: id,
        event: {
          ...DOCUMENTED_REACTION_ADDED.event,
          type,
          user,
          reaction: 'tada',
          item: { type: 'message', channel: 'C1', ts },
        },
      }),
    submit: (userId, opened, title, inputs) =>
      rig.slack.interaction({
        type: 'view_submission',
        team: { id: 'T1', domain: 'example' },
        user: {
          id: userId,
          username: userId === 'U1' ? 'alice' : 'bob',
          name: userId === 'U1' ? 'alice' : 'bob',
          team_id: 'T1',
        },
        api_app_id: 'A1',
        token: 'x',
        trigger_id: `t${++viewId}`,
        view: {
          id: `V${viewId}`,
          type: 'modal',
          callback_id: opened.callback_id,
          private_metadata: opened.private_metadata,
          title: { type: 'plain_text', text: title },
          blocks: [],
          state: { values: Object.fromEntries(Object.entries(inputs).map(([id, input]) => [id, { [id]: input }])) },
        },
      }),
    async member(userId) {
      const group = await store.groups.findByChannel(WORKSPACE, 'C1');
      const member = group ? await store.members.find(group.id, userId) : null;
      if (!member) throw new Error(`${userId} is not a member`);
      return member;
    },
    async stop() {
      await rig.stop();
      database.close();
    },
  };
  if (options.setUp ?? true) {
    // No App Home is published after it: U1 has not opened the tab.
    await harness.command('U1', '/rebound', 'setup 09:00 Europe/Berlin');
  }
  rig.api.reset();
  return harness;
}

/** An Events API envelope for a message written to the bot in its DM (channel D1), as Slack sends it. */
export function directMessageEnvelope(user: string, text: string, eventId: string, extra: object = {}): object {
  return {
    ...DOCUMENTED_REACTION_ADDED,
    team_id: 'T1',
    api_app_id: 'A1',
    event_id: eventId,
    event_time: 1_700_000_000,
    authorizations: [{ team_id: 'T1', user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
    event: {
      type: 'message',
      channel: 'D1',
      channel_type: 'im',
      user,
      text,
      ts: '1700000100.000200',
      event_ts: '1700000100.000200',
      ...extra,
    },
  };
}

/** What carries an answer: a recorded call, or a command's acknowledgement read with `acknowledged`. */
export type Answer = Pick<RecordedCall, 'params'>;

/**
 * The answer a command's acknowledgement carried (its JSON body), or undefined for an empty
 * acknowledgement. Readable with `texts` and `buttonIds` like a recorded call.
 */
export function acknowledged(res: SlackResponse): Answer | undefined {
  if (res.text === '') return undefined;
  const body: unknown = JSON.parse(res.text);
  if (typeof body !== 'object' || body === null) throw new Error(`the acknowledgement is not an object: ${res.text}`);
  return { params: { ...body } };
}

/** A recorded call's parameters as one string, for looking for text in it. */
export function texts(call: Answer | undefined): string {
  return JSON.stringify(call?.params ?? null);
}

/** The channel and ts Slack answered a chat.postMessage with. */
export function posted(call: RecordedCall | undefined): { channel: string; ts: string } {
  return { channel: String(call?.response['channel']), ts: String(call?.response['ts']) };
}

/** The action ids of every button in a recorded call. */
export function buttonIds(call: Answer | undefined): string[] {
  return [...texts(call).matchAll(/"action_id":"([^"]+)"/g)].map((m) => m[1] ?? '');
}
