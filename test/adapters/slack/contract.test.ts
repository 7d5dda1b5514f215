import type { SentMessage } from '../../../src/core/ports/index.ts';
import { runChatAdapterContract, type ChatAdapterHarness, type Pings } from '../../contracts/chat-adapter-contract.ts';
import { DOCUMENTED_REACTION_ADDED } from '../../fakes/slack-payloads.ts';
import { RecordingHandler } from '../../fakes/recording-handler.ts';
import { BOT_ID, BOT_USER_ID, buttonPress, startSlackRig } from './harness.ts';

/** Every string Slack parses for mentions in a chat.postMessage / chat.update payload. */
function parsedTexts(payload: Record<string, unknown>): { text: string; autoParsed: boolean }[] {
  const loose = payload['link_names'] === true || payload['link_names'] === 'true' || payload['parse'] === 'full';
  const out: { text: string; autoParsed: boolean }[] = [];
  if (typeof payload['text'] === 'string') out.push({ text: payload['text'], autoParsed: loose });
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    if ('type' in node && node.type === 'mrkdwn' && 'text' in node && typeof node.text === 'string') {
      // mrkdwn without `verbatim: true` lets Slack parse bare @here-style words too.
      out.push({ text: node.text, autoParsed: loose || !('verbatim' in node && node.verbatim === true) });
    }
    Object.values(node).forEach(walk);
  };
  walk(payload['blocks']);
  return out;
}

function slackPings(payload: unknown): Pings {
  if (typeof payload !== 'object' || payload === null) return { everyone: false, users: [] };
  let everyone = false;
  const users: string[] = [];
  for (const { text, autoParsed } of parsedTexts({ ...payload })) {
    if (/<!(channel|here|everyone|subteam\^)/.test(text)) everyone = true;
    if (autoParsed && /(^|\s)@(channel|here|everyone)\b/.test(text)) everyone = true;
    for (const match of text.matchAll(/<@([UW][A-Z0-9]+)(\|[^>]*)?>/g)) {
      if (match[1] && !users.includes(match[1])) users.push(match[1]);
    }
  }
  return { everyone, users };
}

async function makeSlackHarness(): Promise<ChatAdapterHarness> {
  const handler = new RecordingHandler({ type: 'none' });
  const rig = await startSlackRig(handler);
  let eventId = 0;
  const workspace = { platform: 'slack', workspaceId: 'T1' } as const;
  const envelope = (event: object): object => ({
    ...DOCUMENTED_REACTION_ADDED,
    team_id: 'T1',
    event,
    event_id: `EvC${++eventId}`,
    authorizations: [{ team_id: 'T1', user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
  });
  return {
    chat: rig.adapter.chat,
    channel: { workspace, channelId: 'C1' },
    user: { workspace, userId: 'U1' },
    handled: handler.events,
    lastDelivery() {
      const call = rig.api.calls.filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.update').at(-1);
      if (!call) throw new Error('nothing was delivered');
      const { channel, ts } = call.response;
      const platformRef: SentMessage = { channelId: String(channel), messageId: String(ts) };
      return { payload: call.params, platformRef };
    },
    lastDeletion() {
      const call = rig.api.callsTo('chat.delete').at(-1);
      return call ? { channelId: String(call.params['channel']), messageId: String(call.params['ts']) } : null;
    },
    pingsIn: slackPings,
    async deliverActivity(sent, author) {
      const user = author === 'bot' ? BOT_USER_ID : author;
      const bot = author === 'bot' ? { bot_id: BOT_ID } : {};
      await rig.slack.event(
        envelope({
          ...DOCUMENTED_REACTION_ADDED.event,
          user,
          item: { type: 'message', channel: sent.channelId, ts: sent.messageId },
        }),
      );
      await rig.slack.event(
        envelope({
          type: 'message',
          channel: sent.channelId,
          channel_type: 'channel',
          user,
          ...bot,
          text: 'thread reply',
          ts: '1800000000.000100',
          thread_ts: sent.messageId,
          event_ts: '1800000000.000100',
        }),
      );
    },
    async click(sent, actionId, userId) {
      await rig.slack.interaction(
        buttonPress({
          userId,
          channel: sent.channelId,
          ts: sent.messageId,
          actionId,
          responseUrl: rig.api.responseUrl(),
        }),
      );
    },
    stop: () => rig.stop(),
  };
}

runChatAdapterContract('Slack', makeSlackHarness);
