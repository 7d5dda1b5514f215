/**
 * A real discord.js client inside the Discord adapter, fed gateway packets directly (as the
 * gateway would after login) and talking to a fake REST server that records every call.
 */
import { Status, type Client } from 'discord.js';
import type { EventHandler } from '../../../src/core/event-handler.ts';
import type { ChatPort } from '../../../src/core/ports/index.ts';
import {
  createDiscordAdapter,
  type DiscordAdapter,
  type DiscordAdapterOptions,
} from '../../../adapters/discord/create-discord-adapter.ts';
import { APP_ID, guildCreate, ready, type DispatchPacket } from '../../fakes/discord-packets.ts';
import { RecordingHandler } from '../../fakes/recording-handler.ts';
import { FakeDiscordRest } from '../../fakes/discord-rest.ts';
import { RecordingLogger } from '../../fakes/recording-logger.ts';

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
  /** Hands one gateway dispatch to the client. */
  feed(packet: DispatchPacket): void;
  /** READY then the guild, as after a login (done by `startHarness` unless `connect: false`). */
  connect(guild?: DispatchPacket): void;
  close(): Promise<void>;
}

const shard = { id: 0, checkReady: () => undefined };

/** `handler` is the handler itself, or builds it (the core) on the adapter's chat port and the harness's logger. */
export async function startHarness<H extends EventHandler = RecordingHandler>(
  options: DiscordAdapterOptions & {
    handler?: H | ((chat: ChatPort, logger: RecordingLogger) => H);
    rest?: FakeDiscordRest;
    connect?: boolean;
  } = {},
): Promise<Harness<H>> {
  const { handler: given, rest: sharedRest, connect: connectAtStart, ...adapterOptions } = options;
  const rest = sharedRest ?? (await FakeDiscordRest.start());
  const logger = new RecordingLogger();
  const adapter = createDiscordAdapter({ token: 'fake-token', applicationId: APP_ID, apiUrl: rest.apiUrl }, logger, {
    restRetries: 0,
    registerCommands: false,
    // Tests that are about deferral set this low; others must never defer.
    deferAfterMs: 60_000,
    ...adapterOptions,
  });
  const handler = typeof given === 'function' ? given(adapter.chat, logger) : ((given ?? new RecordingHandler()) as H);
  adapter.initialize(handler);
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
    feed,
    connect,
    async close() {
      await adapter.stop();
      if (!sharedRest) await rest.close();
    },
  };
}
