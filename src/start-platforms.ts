import { renderWeekChartLazily } from './charts/lazy-week-chart.ts';
import { createChatRouter } from './chat-router.ts';
import { systemClock } from './system-clock.ts';
import { SettingRefusedError, type AdapterSelection, type Config, type SlackConfig } from './config.ts';
import type { SlackAdapterConfig } from '../adapters/slack/index.ts';
import { createRebound } from './core/create-rebound.ts';
import type { ChatPort, LeaseRepository, Store } from './core/ports/index.ts';
import type { AppLogger } from './logger.ts';
import { startHeartbeat, type Heartbeat } from './scheduler/heartbeat.ts';
import { startHealthServer } from './health-server.ts';
import { holdLease } from './scheduler/lease-holder.ts';
import { createSecretBox, parseSecretKey, type SecretBox } from './secret-box.ts';
import type { SlackInstallationRepository } from '../adapters/slack/installations.ts';

/** The lease row naming the replica that holds Discord's gateway connection. */
export const DISCORD_GATEWAY_LEASE = 'discord-gateway';
import { DiscordTokenRejectedError } from '../adapters/discord/token-rejected.ts';

export interface RunningPlatforms {
  stop(): Promise<void>;
}

/** Runs `listen`; a port another process holds becomes one line naming `PORT`. */
async function onPort<T>(port: number, listen: () => Promise<T>): Promise<T> {
  try {
    return await listen();
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code === 'EADDRINUSE') {
      throw new SettingRefusedError('PORT', `${port} is already in use`);
    }
    throw error;
  }
}

/**
 * The Slack adapter's settings: single-token mode's as they are; OAuth mode's with its
 * installations, and the leases that let one replica at a time refresh a workspace's token.
 */
function slackSettings(
  slack: SlackConfig,
  installations: ((box: SecretBox) => SlackInstallationRepository) | undefined,
  leases: LeaseRepository,
): SlackAdapterConfig {
  if (slack.mode !== 'oauth') return slack;
  const key = parseSecretKey(slack.secretKey);
  if (!key) throw new SettingRefusedError('REBOUND_SECRET_KEY', 'must be 32 bytes, as 64 hex characters or base64');
  if (!installations) throw new Error('Slack OAuth mode needs the database of installations');
  const { clientId, clientSecret, stateSecret, signingSecret, apiUrl, messagesPerMinute } = slack;
  return {
    oauth: { clientId, clientSecret, stateSecret, installations: installations(createSecretBox(key)), leases },
    signingSecret,
    ...(apiUrl === undefined ? {} : { apiUrl }),
    ...(messagesPerMinute === undefined ? {} : { messagesPerMinute }),
  };
}

/**
 * Starts Slack and/or Discord, the core between them, and the heartbeat. The port is bound before
 * Discord logs in, so a port in use fails fast without spending a gateway session; when anything
 * fails to start, what had started is stopped again.
 */
export async function startPlatforms(
  config: Config,
  adapters: Extract<AdapterSelection, { kind: 'platforms' }>,
  deps: {
    store: Store;
    logger: AppLogger;
    owner: string;
    /** Slack OAuth mode: the installations on the same database, tokens sealed with `box`. */
    slackInstallations?: (box: SecretBox) => SlackInstallationRepository;
  },
): Promise<RunningPlatforms> {
  const ports: { slack?: ChatPort; discord?: ChatPort } = {};
  // Started last; a retry scheduled by a sweep asks it to sweep again when the retry falls due.
  let heartbeat: Heartbeat | null = null;
  const stops: (() => Promise<void>)[] = [];
  // Each platform's SDK is loaded only when that platform is configured: it keeps start-up quick.
  const slack = adapters.slack
    ? (await import('../adapters/slack/index.ts')).createSlackAdapter(
        {
          ...slackSettings(adapters.slack, deps.slackInstallations, deps.store.leases),
          port: config.port,
          clock: systemClock,
        },
        deps.logger,
      )
    : null;
  if (slack) ports.slack = slack.chat;
  const discord = adapters.discord
    ? (await import('../adapters/discord/create-discord-adapter.ts')).createDiscordAdapter(
        adapters.discord,
        deps.logger,
      )
    : null;
  if (discord) ports.discord = discord.chat;
  // The core is built on the adapters' chat ports, then handed to each adapter before it starts.
  const core = createRebound({
    store: deps.store,
    chat: createChatRouter(ports),
    clock: systemClock,
    logger: deps.logger,
    owner: deps.owner,
    charts: { renderWeek: renderWeekChartLazily },
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    // Sends drain in the background while later heartbeats keep sweeping.
    delivery: { background: true, ...config.delivery, onRetryScheduled: (at) => heartbeat?.wakeAt(at) },
  });
  // Both platforms' retries are recognised in the database, whichever process took the first one in.
  const inbound = { handler: core, ledger: deps.store.inbound, clock: systemClock, workspaces: core.workspaces };
  slack?.initialize(inbound);
  discord?.initialize(inbound);
  let started = false;
  try {
    if (slack) {
      // Slack serves /healthz itself (HTTP and Socket Mode), on the port it binds first.
      const { port } = await onPort(config.port, () => slack.start());
      deps.logger.info({ adapter: 'slack', port }, 'slack ready');
      stops.push(() => slack.stop());
    } else {
      const health = await onPort(config.port, () => startHealthServer(config.port, () => started));
      deps.logger.info({ port: health.port }, 'health endpoint ready');
      stops.push(() => health.close());
    }
    if (discord) {
      // Stopped even when logging in fails half-way: the client may hold a connection.
      stops.push(() => discord.stop());
      const refused = (error: unknown) => {
        throw error instanceof DiscordTokenRejectedError
          ? new SettingRefusedError('DISCORD_TOKEN', 'Discord rejected the token')
          : error;
      };
      await discord.prepare().catch(refused);
      // Two gateway connections on one token would each receive every event: one replica at a time
      // holds the gateway (a lease row in the database); every replica sends through REST.
      const gateway = holdLease({
        leases: deps.store.leases,
        name: DISCORD_GATEWAY_LEASE,
        holder: deps.owner,
        ttlMs: config.gatewayLeaseMs,
        clock: systemClock,
        logger: deps.logger,
        onAcquired: async () => {
          await discord.connect();
          deps.logger.info({ adapter: 'discord' }, 'discord ready');
        },
        onReleased: () => discord.disconnect(),
      });
      stops.push(() => gateway.stop());
      await gateway.started.catch(refused);
    }
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
  started = true;
  heartbeat = startHeartbeat(
    () => core.sweep(),
    (error) => deps.logger.error({ error: error instanceof Error ? error.message : 'unknown' }, 'sweep failed'),
  );
  // A live process keeps its claims: renewed well within the lease, so only a dead one's expire.
  const renewal = setInterval(
    () =>
      void core
        .renewClaims()
        .catch((error: unknown) =>
          deps.logger.warn({ error: error instanceof Error ? error.message : 'unknown' }, 'claims not renewed'),
        ),
    Math.max(1000, Math.floor(config.delivery.claimLeaseMs / 3)),
  );
  renewal.unref();
  deps.logger.info({ slack: Boolean(slack), discord: Boolean(discord) }, 'ready');
  return {
    async stop() {
      await heartbeat?.stop();
      // Nothing more is claimed or started; sends in progress get the grace period to finish.
      const grace = new Promise<void>((resolve) => setTimeout(resolve, config.delivery.shutdownMs).unref());
      const { released, unfinished } = await core.stopDelivery(grace);
      clearInterval(renewal);
      deps.logger.info({ released, unfinished }, 'delivery stopped');
      for (const stop of stops.reverse()) await stop();
    },
  };
}
