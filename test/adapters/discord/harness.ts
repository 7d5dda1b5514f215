/**
 * A real discord.js client inside the Discord adapter, fed gateway packets directly (as the
 * gateway would after login) and talking to a fake REST server that records every call.
 */
import { Status, type Client } from 'discord.js';
import type { EventHandler } from '../../../src/core/event-handler.ts';
import type { ChatPort, Logger } from '../../../src/core/ports/index.ts';
import {
  createDiscordAdapter,
  type DiscordAdapter,
  type DiscordAdapterOptions,
} from '../../../adapters/discord/create-discord-adapter.ts';
import { APP_ID, guildCreate, ready, type DispatchPacket } from '../../fakes/discord-packets.ts';
import { RecordingEventHandler } from '../../fakes/discord-recording-handler.ts';
import { FakeDiscordRest } from '../../fakes/discord-rest.ts';

/**
 * The client's internal packet entry point. discord.js marks it private; it is what the gateway
 * connection calls for every dispatch, so feeding it is feeding the client what Discord sends.
 */
interface GatewayInternals {
  status: Status;
  handlePacket(packet: DispatchPacket, shard: { id: number; checkReady(): void }): boolean;
}

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Readonly<Record<string, string | number | boolean | null>>;
}

export class RecordingLogger implements Logger {
  readonly lines: LogLine[] = [];
  info(fields: LogLine['fields'], message: string): void {
    this.lines.push({ level: 'info', message, fields });
  }
  warn(fields: LogLine['fields'], message: string): void {
    this.lines.push({ level: 'warn', message, fields });
  }
  error(fields: LogLine['fields'], message: string): void {
    this.lines.push({ level: 'error', message, fields });
  }
}

export interface Harness<H extends EventHandler = RecordingEventHandler> {
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
export async function startHarness<H extends EventHandler = RecordingEventHandler>(
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
  const handler =
    typeof given === 'function' ? given(adapter.chat, logger) : ((given ?? new RecordingEventHandler()) as H);
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
