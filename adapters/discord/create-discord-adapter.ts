/**
 * Rebound on Discord: a discord.js client with the smallest intents that do the job, the
 * interaction and gateway listeners that feed the core, and the ChatPort the core sends through.
 */
import { listenToGuildMembership } from './guild-membership.ts';
import { Client, DiscordAPIError, DiscordjsErrorCodes, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { CoreInbound } from '../../src/core/event-handler.ts';
import type { ChatPort, InboundKind, Logger } from '../../src/core/ports/index.ts';
import { createDiscordChatPort, describe } from './delivery.ts';
import { listenToGatewayEvents } from './events.ts';
import { createInteractionListener } from './interactions.ts';
import { registerCommandsIfChanged } from './registration.ts';
import { createReplySender } from './replies.ts';
import { createSendRequests } from './send-requests.ts';
import { PLATFORM } from './source.ts';
import { DiscordTokenRejectedError } from './token-rejected.ts';

export { DiscordTokenRejectedError };

/** What the Discord adapter needs from the settings (`src/config.ts` reads them into this shape). */
export interface DiscordConfig {
  readonly token: string;
  readonly applicationId: string;
  /** REST base (DISCORD_API_URL, discord.js `rest.api`), e.g. a local fake in tests; Discord's own when absent. */
  readonly apiUrl?: string;
  /** Register commands on this guild only (instant), instead of globally. */
  readonly devGuildId?: string;
}

export interface DiscordAdapterOptions {
  /**
   * Defer an interaction when the core has not answered within this time (default 2 s; Discord
   * allows 3). Applies to what may be answered with a form, which cannot follow a deferral.
   */
  readonly deferAfterMs?: number;
  /**
   * The same for a command given options, which cannot open a form (default 60 ms): its person sees the command
   * arrived at once, even when its group post waits behind a large delivery for the bot's limit.
   */
  readonly deferQuickAfterMs?: number;
  /** Register commands at start when they changed (default true). */
  readonly registerCommands?: boolean;
  /**
   * How often REST repeats a request Discord answered with a 5xx, for every request (default 0:
   * a send fails as transient at once and the core retries it later, as an attempt of its own).
   * A send whose request may have reached Discord is never repeated, whatever this says.
   */
  readonly restRetries?: number;
  /**
   * How long REST lets a request take before it aborts it (default 15 s); for a send, from its
   * `beforeRequest` to the end of Discord's answer.
   */
  readonly requestTimeoutMs?: number;
}

/** The 401 of a REST call, or discord.js's own verdict on the token at login. */
function isTokenRejection(error: unknown): boolean {
  if (error instanceof DiscordAPIError) return error.status === 401;
  return error instanceof Error && 'code' in error && error.code === DiscordjsErrorCodes.TokenInvalid;
}

export interface DiscordAdapter {
  readonly client: Client;
  /** Usable at once: the core is built on it before the adapter is initialised with the core. */
  readonly chat: ChatPort;
  /** Hands the adapter the core its listeners feed and the ledger that spots replayed ids; once, before `start`. */
  initialize(core: CoreInbound): void;
  /**
   * Registers commands if they changed, logs in and resolves once the client is ready. Rejects with
   * a `DiscordTokenRejectedError` when Discord refuses the token.
   */
  start(): Promise<void>;
  /**
   * Registers commands if they changed (which also proves the token); after it, `chat` sends
   * through REST with no gateway connection. Rejects like `start` on a refused token.
   */
  prepare(): Promise<void>;
  /** Opens the gateway connection (events and interactions come in) and resolves once ready. */
  connect(): Promise<void>;
  /** Closes the gateway connection; sending through `chat` keeps working. */
  disconnect(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Sends the scheduler makes. REST waits out their rate limits itself, per bucket, as long as the
 * wait is short; a longer one (a penalty, an hour-long limit) is handed to the scheduler with
 * Discord's wait instead of holding the send inside the REST client.
 */
function isDeliveryRoute(route: string): boolean {
  return route.startsWith('/channels') || route.startsWith('/users');
}
/** Longer than a message bucket's window (5 s), so ordinary pacing never leaves REST. */
const LONGEST_REST_WAIT_MS = 10_000;
/**
 * Longer than undici's connect timeout (10 s), so a connection that cannot be made fails as
 * such (surely not sent) before the request as a whole times out (maybe sent).
 */
const REQUEST_TIMEOUT_MS = 15_000;

export function createDiscordAdapter(
  config: DiscordConfig,
  logger: Logger,
  options: DiscordAdapterOptions = {},
): DiscordAdapter {
  const sends = createSendRequests();
  const client = new Client({
    // No MessageContent: it is privileged, and a thread reply's author is all a check-in needs.
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.GuildMessageReactions,
      GatewayIntentBits.DirectMessages,
    ],
    // Reactions on messages sent before a restart arrive for uncached messages.
    partials: [Partials.Message, Partials.Channel, Partials.Reaction, Partials.User],
    allowedMentions: { parse: [] },
    rest: {
      ...(config.apiUrl && { api: config.apiUrl }),
      retries: options.restRetries ?? 0,
      timeout: options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      makeRequest: sends.makeRequest,
      rejectOnRateLimit: (data) =>
        isDeliveryRoute(data.route) && Math.max(data.timeToReset, data.retryAfter) > LONGEST_REST_WAIT_MS,
    },
  });
  client.rest.setToken(config.token);

  const chat = createDiscordChatPort(client.rest, sends, logger);
  let stopListening: (() => void) | null = null;
  client.once(Events.ClientReady, (ready) => {
    logger.info({ botUserId: ready.user.id, guilds: ready.guilds.cache.size }, 'discord client ready');
  });
  client.on(Events.Error, (error) => logger.error({ error: describe(error) }, 'discord client error'));

  return {
    client,
    chat,
    initialize({ handler, ledger, clock, workspaces }) {
      if (stopListening) throw new Error('the Discord adapter is already initialized');
      const replies = createReplySender(logger);
      const firstDelivery = (guildId: string, kind: InboundKind, id: string): Promise<boolean> =>
        ledger.firstDelivery({ platform: PLATFORM, workspaceId: guildId }, kind, id, clock.now());
      const onInteraction = createInteractionListener({
        handler,
        logger,
        replies,
        firstDelivery,
        deferAfterMs: options.deferAfterMs ?? 2000,
        deferQuickAfterMs: options.deferQuickAfterMs ?? options.deferAfterMs ?? 60,
      });
      client.on(Events.InteractionCreate, onInteraction);
      const stopGatewayEvents = listenToGatewayEvents(client, { handler, logger, replies, firstDelivery });
      const stopGuildMembership = listenToGuildMembership(client, workspaces, logger);
      stopListening = () => {
        client.off(Events.InteractionCreate, onInteraction);
        stopGatewayEvents();
        stopGuildMembership();
      };
    },
    async start() {
      await this.prepare();
      await this.connect();
    },
    async prepare() {
      if (!stopListening) throw new Error('initialize the Discord adapter with the core before starting it');
      if (options.registerCommands ?? true) {
        const target = {
          applicationId: config.applicationId,
          ...(config.devGuildId && { guildId: config.devGuildId }),
        };
        // A failed registration must not keep the bot offline: the registered commands still work.
        // A refused token is different: the login after it would be refused too.
        await registerCommandsIfChanged(client.rest, target, logger).catch((error: unknown) => {
          if (isTokenRejection(error)) throw new DiscordTokenRejectedError();
          logger.warn({ error: describe(error) }, 'could not check or register discord commands');
        });
      }
    },
    async connect() {
      if (!stopListening) throw new Error('initialize the Discord adapter with the core before connecting it');
      const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
      await client.login(config.token).catch((error: unknown) => {
        throw isTokenRejection(error) ? new DiscordTokenRejectedError() : error;
      });
      await ready;
    },
    async disconnect() {
      await client.destroy();
      // destroy() forgets the token; sends go on through REST.
      client.rest.setToken(config.token);
    },
    async stop() {
      stopListening?.();
      await client.destroy();
    },
  };
}
