/**
 * A real discord.js client inside the Discord adapter, fed gateway packets directly (as the
 * gateway would after login) and talking to a fake REST server that records every call.
 */
import { Status, type Client } from 'discord.js';
import type { CoreInbound, EventHandler } from '../../../src/core/event-handler.ts';
import type { ChatPort, InboundLedger } from '../../../src/core/ports/index.ts';
import {
  createDiscordAdapter,
  type DiscordAdapter,
  type DiscordAdapterOptions,
} from '../../../adapters/discord/create-discord-adapter.ts';
import { APP_ID, guildCreate, ready, type DispatchPacket } from '../../fakes/discord-packets.ts';
import { RecordingHandler } from '../../fakes/recording-handler.ts';
import { FakeDiscordRest } from '../../fakes/discord-rest.ts';
import { RecordingLogger } from '../../fakes/recording-logger.ts';
import { inboundFor, type OwnInbound } from '../../helpers/core-inbound.ts';

/**
 * The client's internal packet entry point. discord.js marks it private; it is what the gateway
 * connection calls for every dispatch, so feeding it is feeding the client what Discord sends.
 */
interface GatewayInternals {
  status: Status;
  handlePacket(packet: DispatchPacket, shard: { id: number; checkReady(): void }): boolean;
}

export interface Harness<H extends EventHandler = RecordingHandler> {
  readonly rest: FakeDiscordRest;
  readonly handler: H;
  readonly adapter: DiscordAdapter;
  readonly client: Client;
  readonly logger: RecordingLogger;
  /** The inbound ledger the adapter was initialised with. */
  readonly ledger: InboundLedger;
  /** What the adapter reported of servers joined and left (`removed:<guild>`), with a recording handler. */
  readonly workspaceNotices: readonly string[];
  /** Hands one gateway dispatch to the client. */
  feed(packet: DispatchPacket): void;
  /** READY then the guild, as after a login (done by `startHarness` unless `connect: false`). */
  connect(guild?: DispatchPacket): void;
  close(): Promise<void>;
}

const shard = { id: 0, checkReady: () => undefined };

/**
 * `handler` is the handler itself (then the harness keeps an inbound ledger of its own), or builds
 * the core on the adapter's chat port and the harness's logger, with the core's ledger and clock.
 */
export async function startHarness<H extends EventHandler = RecordingHandler>(
  options: DiscordAdapterOptions & {
    handler?: H | ((chat: ChatPort, logger: RecordingLogger) => CoreInbound & { readonly handler: H });
    rest?: FakeDiscordRest;
    /** Another harness's ledger, for a second process on the same database (with a recording handler). */
    ledger?: InboundLedger;
    connect?: boolean;
  } = {},
): Promise<Harness<H>> {
  const {
    handler: given,
    rest: sharedRest,
    ledger: sharedLedger,
    connect: connectAtStart,
    ...adapterOptions
  } = options;
  const rest = sharedRest ?? (await FakeDiscordRest.start());
  const logger = new RecordingLogger();
  const adapter = createDiscordAdapter({ token: 'fake-token', applicationId: APP_ID, apiUrl: rest.apiUrl }, logger, {
    restRetries: 0,
    registerCommands: false,
    // Tests that are about deferral set this low; others must never defer.
    deferAfterMs: 60_000,
    ...adapterOptions,
  });
  let own: OwnInbound<H> | null = null;
  const fed =
    typeof given === 'function'
      ? given(adapter.chat, logger)
      : (own = inboundFor((given ?? new RecordingHandler()) as H, sharedLedger));
  adapter.initialize(fed);
  const handler = fed.handler;
  const client = adapter.client;
  const internals = client.ws as unknown as GatewayInternals;
  const feed = (packet: DispatchPacket): void => {
    internals.handlePacket(packet, shard);
  };
  const connect = (guild: DispatchPacket = guildCreate()): void => {
    internals.status = Status.Ready;
    feed(ready());
    feed(guild);
  };
  if (connectAtStart ?? true) connect();
  return {
    rest,
    handler,
    adapter,
    client,
    logger,
    ledger: fed.ledger,
    workspaceNotices: own?.workspaceNotices ?? [],
    feed,
    connect,
    async close() {
      await adapter.stop();
      if (!sharedRest) await rest.close();
      own?.close();
    },
  };
}
