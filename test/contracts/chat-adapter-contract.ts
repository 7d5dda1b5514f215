/**
 * The behaviour every chat adapter (Slack, Discord, console) must show, as one suite each adapter
 * runs against its own platform fake:
 *
 * 1. user text cannot ping anyone: only the users in `Message.ping` are mentioned;
 * 2. events the bot caused itself never reach the core;
 * 3. ids round-trip: a button's actionId comes back unchanged on a click, and a send returns the
 *    message reference the platform answered with.
 *
 * Usage, in `test/adapters/<platform>/contract.test.ts`:
 *
 * ```ts
 * runChatAdapterContract('Slack', async () => makeSlackHarness());
 * ```
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboundEvent } from '../../src/core/events.ts';
import type { Message } from '../../src/core/messages.ts';
import type { ChannelTarget, ChatPort, SentMessage, UserTarget } from '../../src/core/ports/index.ts';

/** Who the platform would notify for one delivered payload. */
export interface Pings {
  /** Whether everyone in the channel (or online) would be notified: @everyone, @here, <!channel>, roles. */
  readonly everyone: boolean;
  /** The user ids that would be notified, in the order they appear. */
  readonly users: readonly string[];
}

/**
 * What the suite needs from an adapter under test. The harness owns the platform fake, the adapter
 * (started, wired to a recording EventHandler that answers `{ type: 'none' }`) and the knowledge of
 * how that platform decides who gets pinged.
 */
export interface ChatAdapterHarness {
  /** The adapter's ChatPort, talking to the platform fake. */
  readonly chat: ChatPort;
  /** A channel the bot may post in. */
  readonly channel: ChannelTarget;
  /** A person the bot may DM, also the person who clicks and reacts in the suite. */
  readonly user: UserTarget;
  /** Every event the adapter handed to its EventHandler, in order. */
  readonly handled: readonly InboundEvent[];
  /**
   * The last send the adapter made to the platform: the payload exactly as the platform received it,
   * and the message reference the platform answered with (its own channel and message ids).
   */
  lastDelivery(): { readonly payload: unknown; readonly platformRef: SentMessage };
  /** The message the platform was last asked to delete, as the platform received the request; null when none. */
  lastDeletion(): SentMessage | null;
  /** Reads a delivered payload the way the platform does and says whom it would notify. */
  pingsIn(payload: unknown): Pings;
  /**
   * Makes the platform deliver ordinary activity on `sent` (a reaction, a reply in its thread, …)
   * authored by `author`: `'bot'` is the bot itself, otherwise a user id. Resolves once the adapter
   * has finished with it.
   */
  deliverActivity(sent: SentMessage, author: 'bot' | string): Promise<void>;
  /** Makes the platform deliver a click on the button with `actionId` in `sent`, by `userId`. Resolves once handled. */
  click(sent: SentMessage, actionId: string, userId: string): Promise<void>;
  stop(): Promise<void>;
}

const HOSTILE_TEXT = 'Thanks @everyone and @here! <!channel> <!here> <@U123> <@&123456> <#C1> &amp; <script>';

export function runChatAdapterContract(name: string, makeHarness: () => Promise<ChatAdapterHarness>): void {
  describe(`${name} chat adapter contract`, () => {
    let h: ChatAdapterHarness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(async () => {
      await h.stop();
    });

    const hostile: Message = {
      blocks: [
        { type: 'heading', text: HOSTILE_TEXT },
        { type: 'text', text: HOSTILE_TEXT },
        { type: 'fields', fields: [{ label: HOSTILE_TEXT, value: HOSTILE_TEXT }] },
        { type: 'buttons', buttons: [{ actionId: 'contract:x', label: '@everyone <!channel>' }] },
      ],
    };

    it('delivers user text to a channel without pinging anyone', async () => {
      await h.chat.postToChannel(h.channel, hostile);
      expect(h.pingsIn(h.lastDelivery().payload)).toEqual({ everyone: false, users: [] });
    });

    it('delivers user text in a DM and a thread without pinging anyone', async () => {
      await h.chat.sendDirect(h.user, hostile);
      expect(h.pingsIn(h.lastDelivery().payload)).toEqual({ everyone: false, users: [] });
      const starter = await h.chat.postThreadStarter(
        h.channel,
        { blocks: [{ type: 'text', text: 'Check-in' }] },
        'check-in',
      );
      await h.chat.postInThread(h.channel, starter.threadId, hostile);
      expect(h.pingsIn(h.lastDelivery().payload)).toEqual({ everyone: false, users: [] });
    });

    it('pings exactly the users its mention block names, whatever its text says', async () => {
      const naming = (message: Message): Message => ({
        blocks: [{ type: 'mention', userIds: [h.user.userId], text: 'look:' }, ...message.blocks],
      });
      const sent = await h.chat.postToChannel(h.channel, naming(hostile));
      await h.chat.updateMessage(h.channel.workspace, sent, hostile);
      expect(h.pingsIn(h.lastDelivery().payload)).toEqual({ everyone: false, users: [] });
      await h.chat.postToChannel(h.channel, naming(hostile));
      expect(h.pingsIn(h.lastDelivery().payload)).toEqual({ everyone: false, users: [h.user.userId] });
    });

    it('never hands the core an event the bot caused itself', async () => {
      const sent = await h.chat.postToChannel(h.channel, {
        blocks: [{ type: 'text', text: 'alice applied to a role' }],
      });
      await h.deliverActivity(sent, 'bot');
      expect(h.handled).toEqual([]);
      // The same activity by a person does arrive, so the silence above is the adapter's doing.
      await h.deliverActivity(sent, h.user.userId);
      expect(h.handled.length).toBeGreaterThan(0);
      expect(h.handled.every((e) => e.source.actor.userId === h.user.userId && !e.source.actor.isBot)).toBe(true);
    });

    it('returns a button’s actionId unchanged when it is clicked', async () => {
      const actionId = 'fu:snooze:2d:9007199254740991:Ünïcode-ok_|x';
      const sent = await h.chat.sendDirect(h.user, {
        blocks: [
          {
            type: 'buttons',
            buttons: [
              { actionId, label: 'Snooze 2d' },
              { actionId: 'fu:done:1', label: 'Done' },
            ],
          },
        ],
      });
      await h.click(sent, actionId, h.user.userId);
      const clicks = h.handled.filter((e) => e.kind === 'button');
      expect(clicks.map((e) => (e.kind === 'button' ? e.actionId : null))).toEqual([actionId]);
      expect(clicks[0]?.source.actor.userId).toBe(h.user.userId);
    });

    it('deletes a message it posted, by the reference the platform answered with', async () => {
      const sent = await h.chat.postToChannel(h.channel, {
        blocks: [{ type: 'text', text: 'alice applied to a role' }],
      });
      expect(h.lastDeletion()).toBeNull();
      await h.chat.deleteMessage(h.channel.workspace, sent);
      expect(h.lastDeletion()).toEqual(sent);
    });

    it('returns the message reference the platform answered with', async () => {
      const inChannel = await h.chat.postToChannel(h.channel, { blocks: [{ type: 'text', text: 'hello' }] });
      expect(inChannel).toEqual(h.lastDelivery().platformRef);
      const direct = await h.chat.sendDirect(h.user, { blocks: [{ type: 'text', text: 'hello' }] });
      expect(direct).toEqual(h.lastDelivery().platformRef);
      expect(direct.messageId).not.toBe(inChannel.messageId);
    });
  });
}
