/** Starts the real Slack adapter on loopback against the fake Web API, with a given handler. */
import { DOCUMENTED_BLOCK_ACTIONS } from '../../fakes/slack-payloads.ts';
import type { CoreInbound, EventHandler } from '../../../src/core/event-handler.ts';
import type { ChatPort } from '../../../src/core/ports/index.ts';
import { createSlackAdapter, type SlackAdapter, type SlackAdapterConfig } from '../../../adapters/slack/index.ts';
import { FakeSlackWebApi } from '../../fakes/slack-web-api.ts';
import { inboundFor, type OwnInbound } from '../../helpers/core-inbound.ts';
import { RecordingLogger } from '../../fakes/recording-logger.ts';
import { SlackRequestSender } from '../../fakes/slack-requests.ts';
import { skippingTimer } from './pace-timers.ts';

export const SIGNING_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
export const BOT_USER_ID = 'UBOT';
export const BOT_ID = 'BBOT';

export interface SlackTestRig<H extends EventHandler = EventHandler> {
  readonly api: FakeSlackWebApi;
  readonly adapter: SlackAdapter;
  /** What the adapter feeds: a recording handler, or the core built on the adapter's chat port. */
  readonly handler: H;
  readonly slack: SlackRequestSender;
  readonly logger: RecordingLogger;
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/**
 * `handler` is the handler itself (then the rig keeps an inbound ledger of its own), or builds the
 * core on the adapter's chat port and the rig's logger, with the core's ledger and clock.
 */
export async function startSlackRig<H extends EventHandler>(
  handler: H | ((chat: ChatPort, logger: RecordingLogger) => CoreInbound & { readonly handler: H }),
  overrides: Partial<SlackAdapterConfig> = {},
): Promise<SlackTestRig<H>> {
  const api = await new FakeSlackWebApi().start();
  api.addUser({ id: 'U1', name: 'alice', tz: 'Europe/Berlin' });
  api.addUser({ id: 'U2', name: 'bob', tz: 'America/New_York' });
  api.addUser({ id: 'UOTHERBOT', name: 'otherbot', isBot: true });
  const logger = new RecordingLogger();
  const adapter = createSlackAdapter(
    {
      botToken: 'xoxb-test',
      signingSecret: SIGNING_SECRET,
      apiUrl: api.apiUrl,
      port: 0,
      botId: BOT_ID,
      botUserId: BOT_USER_ID,
      processBeforeResponse: true,
      webApiRetries: 0,
      // Pacing in virtual time: kept in order, never waited for.
      pace: { timer: skippingTimer() },
      // A loaded test machine can take longer than production's budget for a quick answer.
      answerInAckWithinMs: 500,
      ...overrides,
    },
    logger,
  );
  let own: OwnInbound<H> | null = null;
  const fed = typeof handler === 'function' ? handler(adapter.chat, logger) : (own = inboundFor(handler));
  adapter.initialize(fed);
  const { port } = await adapter.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    api,
    adapter,
    handler: fed.handler,
    logger,
    baseUrl,
    slack: new SlackRequestSender(`${baseUrl}/slack/events`, SIGNING_SECRET),
    async stop() {
      await adapter.stop();
      await api.stop();
      own?.close();
    },
  };
}

/** A Block Kit button press on a message the bot posted, as Slack sends it. */
export function buttonPress(press: {
  readonly userId: string;
  readonly channel: string;
  readonly ts: string;
  readonly actionId: string;
  readonly responseUrl: string;
}) {
  return {
    ...DOCUMENTED_BLOCK_ACTIONS,
    team: { id: 'T1', domain: 'example' },
    user: { id: press.userId, username: press.userId, team_id: 'T1' },
    channel: { id: press.channel, name: 'directmessage' },
    container: { type: 'message', message_ts: press.ts, channel_id: press.channel, is_ephemeral: false },
    message: { type: 'message', bot_id: BOT_ID, user: BOT_USER_ID, ts: press.ts, text: '' },
    response_url: press.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: press.actionId,
        value: press.actionId,
        block_id: 'b',
        text: { type: 'plain_text', text: 'x' },
        action_ts: '1.2',
      },
    ],
  };
}
