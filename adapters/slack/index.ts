/**
 * Rebound on Slack: a Bolt app whose listeners normalise Slack payloads into the core's inbound
 * events, plus the ChatPort the scheduler uses to post proactively.
 *
 * HTTP mode (signing secret) serves `/slack/events` and `GET /healthz` on one port; Socket Mode
 * (app token) needs no public URL and serves `/healthz` on the same port. Starting makes no Web API
 * call: the bot's ids come from the config or from one auth.test on the first request. OAuth mode
 * (HTTP only, `oauth.ts`) serves many workspaces, each with the token of its installation.
 */
import { createHomePublisher, homeAfterDirect, type HomePublisher } from './home.ts';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { App, webApi, type Authorize } from '@slack/bolt';
import { boltLogger } from './bolt-logger.ts';
import type { Clock } from '../../src/core/clock.ts';
import { DeliveryError } from '../../src/core/errors.ts';
import type { CoreInbound } from '../../src/core/event-handler.ts';
import type { ChatPort, Logger } from '../../src/core/ports/index.ts';
import { registerCommands } from './commands.ts';
import type { InboundDeps } from './inbound.ts';
import { createSlackChatPort, type DirectSentHook, type UploadBytes } from './delivery.ts';
import { registerEvents } from './events.ts';
import { listen, SlackHttpReceiver } from './http-receiver.ts';
import { registerInteractions } from './interactions.ts';
import { createReplySender } from './replies.ts';
import { createKeepAliveFetch, type FetchFunction } from './keep-alive-fetch.ts';
import { createSlackPace, slackLimits, type PaceTimer, type SlackLimits } from './pace.ts';
import { createUserDirectory } from './users.ts';
import { createInstallationAccess, BOT_SCOPES, type SlackOAuthOptions } from './oauth.ts';
import { ANSWER_IN_ACK_BUDGET_MS } from './command-ack.ts';
import { registerUninstall } from './uninstall.ts';
import type { WorkspaceLifecycle } from '../../src/core/event-handler.ts';

/** With one token: how often a request from the workspace tells the core again that the app is there. */
export const SEEN_AGAIN_MS = 60_000;

/** How long any Web API request may go unanswered before it fails. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

export interface SlackAdapterConfig {
  /** `xoxb-…`: the bot token of the one installed workspace (single-token mode). */
  readonly botToken?: string;
  /** OAuth mode instead of `botToken`: many workspaces, each installed through `/slack/install`. */
  readonly oauth?: SlackOAuthOptions;
  /** HTTP mode: verifies every request's signature. */
  readonly signingSecret?: string;
  /** `xapp-…`: Socket Mode instead of HTTP. */
  readonly appToken?: string;
  /** Web API base, e.g. `http://127.0.0.1:9000/api/` for a local fake. Defaults to Slack's. */
  readonly apiUrl?: string;
  /** HTTP port (HTTP mode: events and health; Socket Mode: health only). Defaults to 3000. */
  readonly port?: number;
  /** With both of these, Bolt never needs auth.test. */
  readonly botId?: string;
  readonly botUserId?: string;
  /** The installed workspace; when set, proactive sends to any other team are refused. */
  readonly teamId?: string;
  /**
   * Finish all work before answering Slack's HTTP request. Off in production (acknowledge first,
   * then work); on in tests so every outgoing call is done when the response arrives.
   */
  readonly processBeforeResponse?: boolean;
  /** Retries of Web API calls made while answering a request (not proactive sends). Default 2. */
  readonly webApiRetries?: number;
  /** SLACK_MESSAGES_PER_MINUTE: the workspace's chat.postMessage budget. Default 300. */
  readonly messagesPerMinute?: number;
  /** How long a Web API request may go unanswered. Default 10 s. */
  readonly requestTimeoutMs?: number;
  /** How long a users.info look-up may take before the person is named by their id. Default 3 s. */
  readonly userLookupTimeoutMs?: number;
  /** How long a command's work may take and still answer in its acknowledgement. Default 60 ms. */
  readonly answerInAckWithinMs?: number;
  /** The least time between two publishes of one member's Home tab. Default 3 s. */
  readonly homeSpacingMs?: number;
  /** Tests: other limits than Slack's (they replace `messagesPerMinute`), or a controllable clock for pacing. */
  readonly pace?: { readonly limits?: SlackLimits; readonly timer?: PaceTimer };
  /**
   * HTTP mode: the clock a request's `x-slack-request-timestamp` must be within five minutes of,
   * either way. The machine's clock when absent.
   */
  readonly clock?: Clock;
}

export interface SlackAdapter {
  readonly app: App;
  /** Usable at once: the core is built on it before the adapter is initialised with the core. */
  readonly chat: ChatPort;
  /** Hands the adapter the core its listeners feed and the ledger that spots Slack's retries; once, before `start`. */
  initialize(core: CoreInbound): void;
  start(): Promise<{ port: number }>;
  stop(): Promise<void>;
}

/**
 * One workspace, one bot token. Bolt's own single-token mode either calls auth.test at start or,
 * with verification off, on every request; this asks once, on the first request, and remembers.
 * An OAuth install replaces this with Bolt's installationStore (see docs/slack.md).
 */
function createSingleTokenAuthorize(
  config: SlackAdapterConfig & { readonly botToken: string },
  slackApiUrl: string | undefined,
  onSeen: (teamId: string) => Promise<void>,
  clock: Clock,
): { readonly authorize: Authorize<boolean>; readonly forgetSeen: () => void } {
  // A request from the workspace means the app is installed there (again, after an uninstall that
  // another replica may have handled): told on the first request, on the first after an uninstall
  // this process handled, and then at most once a minute.
  let seen: Promise<void> | null = null;
  let seenAt = 0;
  const known = config.botId && config.botUserId ? { botId: config.botId, botUserId: config.botUserId } : null;
  let identity: Promise<{ botId: string; botUserId: string }> | null = known ? Promise.resolve(known) : null;
  const client = new webApi.WebClient(config.botToken, {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    timeout: config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  });
  const authorize: Authorize<boolean> = async (source) => {
    if (source.teamId && (!seen || clock.now().getTime() - seenAt >= SEEN_AGAIN_MS)) {
      seenAt = clock.now().getTime();
      seen = onSeen(source.teamId).catch(() => {
        seen = null;
      });
    }
    await seen;
    identity ??= client.auth.test().then(
      (result) => ({ botId: result.bot_id ?? '', botUserId: result.user_id ?? '' }),
      (error: unknown) => {
        identity = null;
        throw error;
      },
    );
    return { botToken: config.botToken, ...(await identity) };
  };
  return {
    authorize,
    forgetSeen: () => {
      seen = null;
    },
  };
}

const missingAuthorize: Authorize<boolean> = async () => {
  throw new Error('no bot token');
};

function healthz(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true}');
}

/**
 * Socket Mode's `/healthz`, served here rather than through Bolt's custom routes: Bolt's Socket
 * Mode server listens without an error handler, so a port in use would crash the process.
 */
function createHealthServer(): Server {
  return createServer((req, res) => {
    if (req.method === 'GET' && new URL(req.url ?? '/', 'http://localhost').pathname === '/healthz') healthz(req, res);
    else res.writeHead(404).end();
  });
}

/** File bytes to the upload URL Slack gave, raw (Slack takes raw bytes or a form), on the same sockets and timeout. */
function createUploader(fetch: FetchFunction, timeoutMs: number): UploadBytes {
  return async (uploadUrl, bytes) => {
    const res = await fetch(uploadUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array(bytes),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`file upload answered HTTP ${res.status}`);
  };
}

function portOf(server: Server, fallback: number): number {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : fallback;
}

export function createSlackAdapter(config: SlackAdapterConfig, logger: Logger): SlackAdapter {
  if (!config.appToken && !config.signingSecret) {
    throw new Error('Slack needs SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)');
  }
  const { botToken, oauth } = config;
  if ((botToken === undefined) === (oauth === undefined)) throw new Error('Slack needs a bot token or OAuth, not both');
  if (oauth && config.appToken) throw new Error('Slack OAuth mode runs over HTTP, not Socket Mode');
  const port = config.port ?? 3000;
  const slackApiUrl = config.apiUrl;
  const customRoutes = [{ path: '/healthz', method: ['GET'], handler: healthz }];
  const fetch = createKeepAliveFetch();
  const timeout = config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const pace = createSlackPace({
    limits: config.pace?.limits ?? slackLimits(config.messagesPerMinute),
    ...(config.pace?.timer ? { timer: config.pace.timer } : {}),
  });
  // Proactive sends never wait or retry inside the client: the scheduler owns that decision.
  const clientOf = (token: string) =>
    new webApi.WebClient(token, {
      fetch,
      timeout,
      ...(slackApiUrl ? { slackApiUrl } : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logger: boltLogger(logger),
    });
  const clock = config.clock ?? { now: () => new Date() };
  // Set by `initialize`: installs reach the core only once it is there.
  let lifecycle: WorkspaceLifecycle | null = null;
  const installed = async (teamId: string): Promise<void> => {
    await lifecycle?.installed({ platform: 'slack', workspaceId: teamId });
  };
  const access = oauth ? createInstallationAccess(oauth, { clock, logger, clientOf, onInstalled: installed }) : null;
  const singleToken =
    botToken === undefined ? null : createSingleTokenAuthorize({ ...config, botToken }, slackApiUrl, installed, clock);
  const common = {
    authorize: access?.authorize ?? singleToken?.authorize ?? missingAuthorize,
    logger: boltLogger(logger),
    // No conversation store: Rebound keeps its state in the core, and the store costs every request.
    convoStore: false as const,
    clientOptions: {
      fetch,
      timeout,
      ...(slackApiUrl ? { slackApiUrl } : {}),
      retryConfig: { retries: config.webApiRetries ?? 2, factor: 2, minTimeout: 250, maxTimeout: 1000 },
    },
  };
  const app = config.appToken
    ? new App({
        ...common,
        socketMode: true,
        appToken: config.appToken,
        // The Socket Mode client opens its connection through the Web API, so it honours apiUrl too.
        ...(slackApiUrl ? { installerOptions: { clientOptions: { slackApiUrl } } } : {}),
      })
    : new App({
        ...common,
        receiver: new SlackHttpReceiver({
          signingSecret: config.signingSecret ?? '',
          clock,
          logger,
          boltLogger: common.logger,
          customRoutes,
          processBeforeResponse: config.processBeforeResponse ?? false,
          ...(oauth && access
            ? {
                oauth: {
                  clientId: oauth.clientId,
                  clientSecret: oauth.clientSecret,
                  stateSecret: oauth.stateSecret,
                  scopes: [...BOT_SCOPES],
                  installationStore: access.installationStore,
                  // oauth.v2.access and auth.test go where every other call goes (a local fake in tests).
                  clientOptions: { timeout, ...(slackApiUrl ? { slackApiUrl } : {}) },
                },
              }
            : {}),
        }),
      });

  const chatClient = botToken === undefined ? null : clientOf(botToken);
  const chat = createSlackChatPort(
    access?.clientFor ??
      (async (teamId) => {
        if (config.teamId && teamId !== config.teamId) {
          throw DeliveryError.permanent(`workspace ${teamId} has not installed Rebound`);
        }
        if (!chatClient) throw new Error('no bot token');
        return chatClient;
      }),
    { pace, uploadBytes: createUploader(fetch, timeout), onDirectSent: (...sent) => afterDirect?.(...sent) },
  );

  const health = config.appToken ? createHealthServer() : null;
  const closeHealth = () =>
    new Promise<void>((resolve) => (health?.listening ? health.close(() => resolve()) : resolve()));
  let initialized = false;
  let home: HomePublisher | null = null;
  // Set by initialize: the chat port exists before the core (and so the home publisher) does.
  let afterDirect: DirectSentHook | null = null;
  app.error(async (error) => {
    logger.error({ code: error.code ?? 'unknown' }, error.message);
  });

  return {
    app,
    chat,
    initialize({ handler, ledger, clock, workspaces }) {
      if (initialized) throw new Error('the Slack adapter is already initialized');
      initialized = true;
      lifecycle = workspaces;
      home = createHomePublisher(handler, logger, config.homeSpacingMs);
      const deps: InboundDeps = {
        home,
        handler,
        users: createUserDirectory(logger, {
          pace,
          ...(config.userLookupTimeoutMs ? { lookupTimeoutMs: config.userLookupTimeoutMs } : {}),
        }),
        replies: createReplySender(logger),
        logger,
        answerInAckWithinMs: config.answerInAckWithinMs ?? ANSWER_IN_ACK_BUDGET_MS,
        firstDelivery: (teamId, kind, id) =>
          ledger.firstDelivery({ platform: 'slack', workspaceId: teamId }, kind, id, clock.now()),
      };
      afterDirect = homeAfterDirect(home, deps.users, logger);
      registerEvents(app, deps);
      registerCommands(app, deps);
      registerInteractions(app, deps);
      registerUninstall(app, {
        workspaces,
        logger,
        markInstallationRemoved: async (teamId: string) => {
          if (access) await access.markRemoved(teamId);
          singleToken?.forgetSeen();
        },
      });
    },
    async start() {
      if (!initialized) throw new Error('initialize the Slack adapter with the core before starting it');
      if (health) {
        // The port first: a port in use fails before the websocket is opened.
        await listen(health, port);
        await app.start().catch(async (error: unknown) => {
          await closeHealth();
          throw error;
        });
        return { port: portOf(health, port) };
      }
      const server = (await app.start(port)) as Server;
      return { port: portOf(server, port) };
    },
    async stop() {
      home?.stop();
      try {
        await app.stop();
      } finally {
        await closeHealth();
      }
    },
  };
}
