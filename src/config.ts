/**
 * Settings from the environment (PRODUCT.md, "Settings (environment)"), parsed and validated once
 * at start-up. Every problem becomes one line that names the variable and what it expects, and no
 * line ever repeats a value that could be a secret.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { DiscordConfig } from '../adapters/discord/create-discord-adapter.ts';
import { httpUrl, LOG_LEVELS, snowflake, token, type LogLevel } from './config-values.ts';
import { problemsOf } from './config-problems.ts';
import { oauthGiven, selectSlackOAuth, type SlackOAuthConfig } from './config-slack-oauth.ts';

export { LOG_LEVELS, type LogLevel } from './config-values.ts';

export const DEFAULT_DB_PATH = './data/rebound.db';
export const DEFAULT_PORT = 3000;
export const DEFAULT_GATEWAY_LEASE_SECONDS = 30;
export const DEFAULT_RETRY_HOURS = 24;
export const DEFAULT_CLAIM_LEASE_SECONDS = 60;
export const DEFAULT_SHUTDOWN_SECONDS = 10;
export const DEFAULT_REMOVED_WORKSPACE_GRACE_DAYS = 30;

/** Slack over HTTP: the Events API and interactivity arrive on `PORT`, signed with the signing secret. */
export interface SlackHttpConfig {
  readonly mode: 'http';
  readonly botToken: string;
  readonly signingSecret: string;
  /** Web API base (Bolt's `slackApiUrl`); Slack's own when absent. */
  readonly apiUrl?: string;
  /** The workspace's chat.postMessage budget per minute; the adapter's default (300) when absent. */
  readonly messagesPerMinute?: number;
}

/** Slack Socket Mode: Slack is reached over a websocket opened with the app-level token. */
export interface SlackSocketConfig {
  readonly mode: 'socket';
  readonly botToken: string;
  readonly appToken: string;
  /** Not needed in Socket Mode; passed on when it is set. */
  readonly signingSecret?: string;
  /** Web API base (Bolt's `slackApiUrl`); Slack's own when absent. */
  readonly apiUrl?: string;
  /** The workspace's chat.postMessage budget per minute; the adapter's default (300) when absent. */
  readonly messagesPerMinute?: number;
}

export type { SlackOAuthConfig } from './config-slack-oauth.ts';
export type SlackConfig = SlackHttpConfig | SlackSocketConfig | SlackOAuthConfig;

/**
 * Which adapters to start. `console` runs in the terminal; `platforms` runs Slack, Discord or
 * both in one process, and at least one of the two is set.
 */
export type AdapterSelection =
  | { readonly kind: 'console' }
  | { readonly kind: 'platforms'; readonly slack: SlackConfig | null; readonly discord: DiscordConfig | null };

export interface Config {
  /** SQLite file, or `:memory:` for a throw-away run; used when `databaseUrl` is absent. */
  readonly dbPath: string;
  /** `DATABASE_URL`: PostgreSQL (`postgres://…`) instead of the SQLite file, when set. */
  readonly databaseUrl?: string;
  /** HTTP port for Slack's endpoints and `GET /healthz`; 0 picks a free port. */
  readonly port: number;
  readonly logLevel: LogLevel;
  readonly adapters: AdapterSelection;
  /**
   * Where the console's simulated clock starts, as a local date-time (`2026-12-01T09:00`) read in
   * the group's timezone; null for the saved simulated time, or the real clock.
   */
  readonly consoleStart: string | null;
  /**
   * How long the replica holding Discord's gateway keeps it without renewing: a replica that died
   * holding it is replaced after at most this long.
   */
  readonly gatewayLeaseMs: number;
  readonly delivery: {
    /** How long a transiently refused send is retried, from its first failure, before it is given up. */
    readonly retryWindowMs: number;
    /** A claim whose process has not renewed it for this long is taken to belong to a dead process. */
    readonly claimLeaseMs: number;
    /** On SIGTERM, how long sends already in progress may take to finish. */
    readonly shutdownMs: number;
    /** How long a workspace that removed the bot keeps its data, for a reinstall to find it. */
    readonly removedWorkspaceGraceMs: number;
  };
}

/** A setting that is missing or malformed. `message` is one line, safe to print and to log. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(problems.map((problem) => problem.line).join('; '));
  }
}

/**
 * A well-formed setting that turned out unusable while starting: the port is taken, the platform
 * rejects the token. `message` is one line naming the variable, safe to print and to log.
 */
export class SettingRefusedError extends Error {
  override readonly name = 'SettingRefusedError';
  constructor(
    readonly variable: Variable,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

export interface ConfigProblem {
  /** The environment variable at fault. */
  readonly variable: string;
  /** What is wrong and what is expected, starting with the variable's name. */
  readonly line: string;
}

const VARIABLES = [
  'REBOUND_DB',
  'DATABASE_URL',
  'REBOUND_ADAPTER',
  'REBOUND_CONSOLE_START',
  'PORT',
  'LOG_LEVEL',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'SLACK_API_URL',
  'SLACK_MESSAGES_PER_MINUTE',
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'REBOUND_SECRET_KEY',
  'DISCORD_TOKEN',
  'DISCORD_APPLICATION_ID',
  'DISCORD_API_URL',
  'DISCORD_DEV_GUILD_ID',
  'DISCORD_GATEWAY_LEASE_SECONDS',
  'DELIVERY_RETRY_HOURS',
  'DELIVERY_CLAIM_LEASE_SECONDS',
  'SHUTDOWN_GRACE_SECONDS',
  'REMOVED_WORKSPACE_GRACE_DAYS',
] as const;
export type Variable = (typeof VARIABLES)[number];
export type Settings = { [K in Variable]?: string };

const dbPath = z
  .string()
  .refine((path) => !/[\\/]$/.test(path), {
    error: 'REBOUND_DB must be a database file path (or :memory:), not a folder',
  })
  .default(DEFAULT_DB_PATH);

/** Never quoted in an error line: the URL carries the password. */
const databaseUrl = z
  .string()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
      } catch {
        return false;
      }
    },
    { error: 'DATABASE_URL must be a PostgreSQL URL like postgres://user:password@host:5432/rebound' },
  )
  .optional();

const base = z.object({
  REBOUND_DB: dbPath,
  DATABASE_URL: databaseUrl,
  REBOUND_ADAPTER: z.literal('console').optional(),
  REBOUND_CONSOLE_START: z
    .string()
    .refine((value) => /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/.test(value) && DateTime.fromISO(value).isValid)
    .optional(),
  PORT: z
    .string()
    .regex(/^\d{1,5}$/)
    .transform(Number)
    .pipe(z.number().max(65535))
    .default(DEFAULT_PORT),
  LOG_LEVEL: z
    .string()
    .transform((level) => level.toLowerCase())
    .pipe(z.enum(LOG_LEVELS))
    .default('info'),
  DISCORD_GATEWAY_LEASE_SECONDS: z
    .string()
    .regex(/^\d{1,4}$/)
    .transform(Number)
    .pipe(z.number().min(3).max(3600))
    .default(DEFAULT_GATEWAY_LEASE_SECONDS),
  DELIVERY_RETRY_HOURS: wholeNumber(1, 168, DEFAULT_RETRY_HOURS),
  DELIVERY_CLAIM_LEASE_SECONDS: wholeNumber(10, 3600, DEFAULT_CLAIM_LEASE_SECONDS),
  SHUTDOWN_GRACE_SECONDS: wholeNumber(0, 600, DEFAULT_SHUTDOWN_SECONDS),
  REMOVED_WORKSPACE_GRACE_DAYS: wholeNumber(1, 365, DEFAULT_REMOVED_WORKSPACE_GRACE_DAYS),
});

/** A whole number from `min` to `max`, with a default; described by `describe` below. */
function wholeNumber(min: number, max: number, fallback: number) {
  return z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .pipe(z.number().min(min).max(max))
    .default(fallback);
}

const platforms = z.object({
  SLACK_BOT_TOKEN: token('SLACK_BOT_TOKEN', 'xoxb-', 'a Slack bot token', {
    'xoxp-': 'a user token; Rebound needs the bot token',
    'xapp-': 'an app-level token, which belongs in SLACK_APP_TOKEN',
  }),
  SLACK_APP_TOKEN: token('SLACK_APP_TOKEN', 'xapp-', 'a Slack app-level token (for Socket Mode)', {
    'xoxb-': 'a bot token, which belongs in SLACK_BOT_TOKEN',
  }),
  SLACK_SIGNING_SECRET: z
    .string()
    .regex(/^\S+$/, {
      error: 'SLACK_SIGNING_SECRET is malformed: a signing secret has no spaces or line breaks inside',
    })
    .optional(),
  SLACK_API_URL: httpUrl('SLACK_API_URL', 'http://127.0.0.1:4000/api/'),
  SLACK_MESSAGES_PER_MINUTE: z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .pipe(z.number().min(1).max(100_000))
    .optional(),
  DISCORD_TOKEN: z
    .string()
    .superRefine((value, context) => {
      if (/^bot\s/i.test(value)) {
        context.addIssue({
          code: 'custom',
          message: 'DISCORD_TOKEN is malformed: give the bare bot token, without the "Bot " prefix',
        });
      } else if (/\s/.test(value)) {
        context.addIssue({
          code: 'custom',
          message: 'DISCORD_TOKEN is malformed: a token has no spaces or line breaks inside',
        });
      }
    })
    .optional(),
  DISCORD_APPLICATION_ID: snowflake('DISCORD_APPLICATION_ID', 'the application id'),
  DISCORD_API_URL: httpUrl('DISCORD_API_URL', 'http://127.0.0.1:4001/api'),
  DISCORD_DEV_GUILD_ID: snowflake('DISCORD_DEV_GUILD_ID', 'the development server (guild) id'),
});

type PlatformSettings = z.output<typeof platforms>;

/** Rules between variables: what each platform needs once one of its settings is given. */
function selectPlatforms(settings: PlatformSettings, raw: Settings, problems: ConfigProblem[]): AdapterSelection {
  const fail = (variable: Variable, line: string): void => {
    problems.push({ variable, line });
  };

  let slack: SlackConfig | null = null;
  const slackGiven = (['SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET'] as const).filter(
    (name) => settings[name] !== undefined,
  );
  const botToken = settings.SLACK_BOT_TOKEN;
  const perMinute = settings.SLACK_MESSAGES_PER_MINUTE;
  const messagesPerMinute = perMinute === undefined ? {} : { messagesPerMinute: perMinute };
  if (oauthGiven(raw)) {
    slack = selectSlackOAuth(raw, { ...present('apiUrl', settings.SLACK_API_URL), ...messagesPerMinute }, problems);
  } else if (botToken === undefined) {
    if (slackGiven.length > 0) {
      fail(
        'SLACK_BOT_TOKEN',
        `SLACK_BOT_TOKEN is missing: ${slackGiven.join(' and ')} ${slackGiven.length > 1 ? 'are' : 'is'} set, and Slack also needs the bot token (xoxb-…)`,
      );
    }
  } else if (settings.SLACK_APP_TOKEN !== undefined) {
    slack = {
      mode: 'socket',
      botToken,
      appToken: settings.SLACK_APP_TOKEN,
      ...present('signingSecret', settings.SLACK_SIGNING_SECRET),
      ...present('apiUrl', settings.SLACK_API_URL),
      ...messagesPerMinute,
    };
  } else if (settings.SLACK_SIGNING_SECRET !== undefined) {
    slack = {
      mode: 'http',
      botToken,
      signingSecret: settings.SLACK_SIGNING_SECRET,
      ...present('apiUrl', settings.SLACK_API_URL),
      ...messagesPerMinute,
    };
  } else {
    fail(
      'SLACK_SIGNING_SECRET',
      'SLACK_SIGNING_SECRET is missing: Slack over HTTP needs it (or set SLACK_APP_TOKEN for Socket Mode)',
    );
  }

  let discord: DiscordConfig | null = null;
  const discordGiven = (['DISCORD_APPLICATION_ID', 'DISCORD_DEV_GUILD_ID'] as const).filter(
    (name) => settings[name] !== undefined,
  );
  const discordToken = settings.DISCORD_TOKEN;
  if (discordToken === undefined) {
    if (discordGiven.length > 0) {
      fail(
        'DISCORD_TOKEN',
        `DISCORD_TOKEN is missing: ${discordGiven.join(' and ')} ${discordGiven.length > 1 ? 'are' : 'is'} set, and Discord also needs the bot token`,
      );
    }
  } else if (settings.DISCORD_APPLICATION_ID === undefined) {
    fail(
      'DISCORD_APPLICATION_ID',
      'DISCORD_APPLICATION_ID is missing: Discord needs the application id (digits, from the Developer Portal) to register its commands',
    );
  } else {
    discord = {
      token: discordToken,
      applicationId: settings.DISCORD_APPLICATION_ID,
      ...present('apiUrl', settings.DISCORD_API_URL),
      ...present('devGuildId', settings.DISCORD_DEV_GUILD_ID),
    };
  }

  return slack === null && discord === null ? { kind: 'console' } : { kind: 'platforms', slack, discord };
}

/** `{ [key]: value }` when the value is set, `{}` otherwise: absent settings stay absent keys. */
function present<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: string });
}

/**
 * Reads the settings. Surrounding whitespace is trimmed and an empty variable counts as unset, so
 * `SLACK_BOT_TOKEN=` in a compose file means "no Slack". Throws a `ConfigError` listing every
 * problem found.
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const settings = normalise(env);
  const problems: ConfigProblem[] = [];

  const baseResult = base.safeParse(settings);
  if (!baseResult.success) problems.push(...problemsOf(baseResult.error, settings));

  let adapters: AdapterSelection = { kind: 'console' };
  if (settings.REBOUND_ADAPTER !== 'console') {
    const platformResult = platforms.safeParse(settings);
    if (platformResult.success) adapters = selectPlatforms(platformResult.data, settings, problems);
    else problems.push(...problemsOf(platformResult.error, settings));
  }

  if (problems.length > 0 || !baseResult.success) throw new ConfigError(problems);
  return {
    dbPath: baseResult.data.REBOUND_DB,
    ...present('databaseUrl', baseResult.data.DATABASE_URL),
    port: baseResult.data.PORT,
    logLevel: baseResult.data.LOG_LEVEL,
    adapters,
    consoleStart: baseResult.data.REBOUND_CONSOLE_START ?? null,
    gatewayLeaseMs: baseResult.data.DISCORD_GATEWAY_LEASE_SECONDS * 1000,
    delivery: {
      retryWindowMs: baseResult.data.DELIVERY_RETRY_HOURS * 60 * 60_000,
      claimLeaseMs: baseResult.data.DELIVERY_CLAIM_LEASE_SECONDS * 1000,
      shutdownMs: baseResult.data.SHUTDOWN_GRACE_SECONDS * 1000,
      removedWorkspaceGraceMs: baseResult.data.REMOVED_WORKSPACE_GRACE_DAYS * 24 * 60 * 60_000,
    },
  };
}

/** Only the database path, with the same default and checks; for tools such as the backup. */
export function loadDbPath(env: NodeJS.ProcessEnv): string {
  const settings = normalise(env);
  const result = z.object({ REBOUND_DB: dbPath }).safeParse(settings);
  if (!result.success) throw new ConfigError(problemsOf(result.error, settings));
  return result.data.REBOUND_DB;
}

function normalise(env: NodeJS.ProcessEnv): Settings {
  const settings: Settings = {};
  for (const name of VARIABLES) {
    const value = env[name]?.trim();
    if (value) settings[name] = value;
  }
  return settings;
}
