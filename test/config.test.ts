import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadDbPath, type Config } from '../src/config.ts';
import { describeConfig, secretsOf } from '../src/config-in-logs.ts';

const SLACK_BOT = 'xoxb-1111-2222-abcdefhushbot';
const SLACK_APP = 'xapp-1-A111-333-abcdefhushapp';
const SLACK_SIGNING = '8f742231b10e8888hush99yyyzzz85a5';
const DISCORD = 'MTA1.GhIjKl.discordhushtokenvalue0123456789';
const DISCORD_APP = '1051234567890123456';

/** Runs `loadConfig` expecting it to refuse, and returns the error. */
function refusal(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted the settings');
}

describe('loadConfig', () => {
  it('with nothing set, runs the console adapter on ./data/rebound.db, port 3000, level info', () => {
    expect(loadConfig({})).toEqual<Config>({
      dbPath: './data/rebound.db',
      port: 3000,
      logLevel: 'info',
      adapters: { kind: 'console' },
      consoleStart: null,
      gatewayLeaseMs: 30_000,
      delivery: {
        retryWindowMs: 24 * 60 * 60_000,
        claimLeaseMs: 60_000,
        shutdownMs: 10_000,
        removedWorkspaceGraceMs: 30 * 24 * 60 * 60_000,
      },
    });
  });

  it('reads how long transient failures are retried, how long a claim lives and the shutdown grace, and refuses nonsense', () => {
    expect(
      loadConfig({ DELIVERY_RETRY_HOURS: '2', DELIVERY_CLAIM_LEASE_SECONDS: '15', SHUTDOWN_GRACE_SECONDS: '0' })
        .delivery,
    ).toMatchObject({ retryWindowMs: 2 * 60 * 60_000, claimLeaseMs: 15_000, shutdownMs: 0 });
    expect(refusal({ DELIVERY_RETRY_HOURS: '0' }).message).toBe(
      'DELIVERY_RETRY_HOURS must be a whole number of hours from 1 to 168 (got "0")',
    );
    expect(refusal({ DELIVERY_CLAIM_LEASE_SECONDS: '5' }).message).toBe(
      'DELIVERY_CLAIM_LEASE_SECONDS must be a whole number of seconds from 10 to 3600 (got "5")',
    );
    expect(refusal({ SHUTDOWN_GRACE_SECONDS: 'soon' }).message).toBe(
      'SHUTDOWN_GRACE_SECONDS must be a whole number of seconds from 0 to 600 (got "soon")',
    );
  });

  it('reads how long a workspace that removed the bot keeps its data, and refuses nonsense', () => {
    expect(loadConfig({ REMOVED_WORKSPACE_GRACE_DAYS: '7' }).delivery.removedWorkspaceGraceMs).toBe(7 * 86_400_000);
    expect(refusal({ REMOVED_WORKSPACE_GRACE_DAYS: '0' }).message).toBe(
      'REMOVED_WORKSPACE_GRACE_DAYS must be a whole number of days from 1 to 365 (got "0")',
    );
  });

  it('reads how long the Discord gateway lease lasts, and refuses one too short to renew', () => {
    expect(loadConfig({ DISCORD_GATEWAY_LEASE_SECONDS: '5' }).gatewayLeaseMs).toBe(5000);
    expect(refusal({ DISCORD_GATEWAY_LEASE_SECONDS: '1' }).message).toBe(
      'DISCORD_GATEWAY_LEASE_SECONDS must be a whole number of seconds from 3 to 3600 (got "1")',
    );
  });

  it('accepts :memory: as the database', () => {
    expect(loadConfig({ REBOUND_DB: ':memory:' }).dbPath).toBe(':memory:');
  });

  it('treats an empty or blank variable as unset', () => {
    const config = loadConfig({ REBOUND_DB: '', PORT: '  ', SLACK_BOT_TOKEN: '', DISCORD_TOKEN: ' ' });
    expect(config.dbPath).toBe('./data/rebound.db');
    expect(config.port).toBe(3000);
    expect(config.adapters).toEqual({ kind: 'console' });
  });

  it('runs Slack over HTTP with a bot token and a signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: SLACK_BOT, SLACK_SIGNING_SECRET: SLACK_SIGNING });
    expect(config.adapters).toStrictEqual({
      kind: 'platforms',
      slack: { mode: 'http', botToken: SLACK_BOT, signingSecret: SLACK_SIGNING },
      discord: null,
    });
  });

  it('runs Slack in Socket Mode when an app token is set; settings not given are absent keys', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: SLACK_BOT,
      SLACK_APP_TOKEN: SLACK_APP,
      SLACK_API_URL: 'http://127.0.0.1:4000/api/',
    });
    expect(config.adapters).toStrictEqual({
      kind: 'platforms',
      slack: { mode: 'socket', botToken: SLACK_BOT, appToken: SLACK_APP, apiUrl: 'http://127.0.0.1:4000/api/' },
      discord: null,
    });
  });

  it('runs Discord with a token and an application id, and passes the dev guild and API base on', () => {
    const config = loadConfig({
      DISCORD_TOKEN: DISCORD,
      DISCORD_APPLICATION_ID: DISCORD_APP,
      DISCORD_DEV_GUILD_ID: '987654321098765432',
      DISCORD_API_URL: 'http://127.0.0.1:4001/api',
    });
    expect(config.adapters).toEqual({
      kind: 'platforms',
      slack: null,
      discord: {
        token: DISCORD,
        applicationId: DISCORD_APP,
        apiUrl: 'http://127.0.0.1:4001/api',
        devGuildId: '987654321098765432',
      },
    });
  });

  it('runs Slack and Discord together when both are configured', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: SLACK_BOT,
      SLACK_SIGNING_SECRET: SLACK_SIGNING,
      DISCORD_TOKEN: DISCORD,
      DISCORD_APPLICATION_ID: DISCORD_APP,
    });
    expect(config.adapters.kind).toBe('platforms');
    if (config.adapters.kind !== 'platforms') return;
    expect(config.adapters.slack?.mode).toBe('http');
    expect(config.adapters.discord?.applicationId).toBe(DISCORD_APP);
  });

  it('REBOUND_ADAPTER=console forces the console even with platform settings, and ignores them', () => {
    const config = loadConfig({ REBOUND_ADAPTER: 'console', SLACK_BOT_TOKEN: 'not-a-token', DISCORD_TOKEN: DISCORD });
    expect(config.adapters).toEqual({ kind: 'console' });
  });

  it('reads PORT 0 and 65535, and LOG_LEVEL in any case', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
    expect(loadConfig({ PORT: '65535' }).port).toBe(65535);
    expect(loadConfig({ LOG_LEVEL: 'DEBUG' }).logLevel).toBe('debug');
    expect(loadConfig({ LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
  });

  it.each([
    [
      { SLACK_BOT_TOKEN: SLACK_BOT },
      'SLACK_SIGNING_SECRET is missing: Slack over HTTP needs it (or set SLACK_APP_TOKEN for Socket Mode)',
    ],
    [
      { SLACK_APP_TOKEN: SLACK_APP },
      'SLACK_BOT_TOKEN is missing: SLACK_APP_TOKEN is set, and Slack also needs the bot token (xoxb-…)',
    ],
    [
      { DISCORD_TOKEN: DISCORD },
      'DISCORD_APPLICATION_ID is missing: Discord needs the application id (digits, from the Developer Portal) to register its commands',
    ],
    [
      { DISCORD_APPLICATION_ID: DISCORD_APP },
      'DISCORD_TOKEN is missing: DISCORD_APPLICATION_ID is set, and Discord also needs the bot token',
    ],
  ])('a missing companion setting is named on one line: %j', (env, line) => {
    expect(refusal(env).message).toBe(line);
  });

  it.each([
    [
      'SLACK_BOT_TOKEN',
      { SLACK_BOT_TOKEN: 'xoxp-user-hushvalue', SLACK_SIGNING_SECRET: SLACK_SIGNING },
      /starts with xoxb-.*user token/,
    ],
    [
      'SLACK_BOT_TOKEN',
      { SLACK_BOT_TOKEN: SLACK_APP, SLACK_SIGNING_SECRET: SLACK_SIGNING },
      /starts with xoxb-.*belongs in SLACK_APP_TOKEN/,
    ],
    [
      'SLACK_BOT_TOKEN',
      { SLACK_BOT_TOKEN: 'justhushgarbage', SLACK_SIGNING_SECRET: SLACK_SIGNING },
      /starts with xoxb-$/,
    ],
    [
      'SLACK_APP_TOKEN',
      { SLACK_BOT_TOKEN: SLACK_BOT, SLACK_APP_TOKEN: SLACK_BOT },
      /starts with xapp-.*belongs in SLACK_BOT_TOKEN/,
    ],
    [
      'DISCORD_TOKEN',
      { DISCORD_TOKEN: `Bot ${DISCORD}`, DISCORD_APPLICATION_ID: DISCORD_APP },
      /without the "Bot " prefix/,
    ],
    ['DISCORD_APPLICATION_ID', { DISCORD_TOKEN: DISCORD, DISCORD_APPLICATION_ID: DISCORD }, /digits only/],
    ['DISCORD_DEV_GUILD_ID', { DISCORD_DEV_GUILD_ID: 'my-server' }, /digits only/],
    ['SLACK_API_URL', { SLACK_API_URL: 'slack.example' }, /http\(s\) URL/],
    ['DISCORD_API_URL', { DISCORD_API_URL: 'ftp://127.0.0.1/api' }, /http\(s\) URL/],
    ['PORT', { PORT: '70000' }, /whole number from 0 to 65535 \(got "70000"\)/],
    ['PORT', { PORT: '3000.5' }, /whole number/],
    ['PORT', { PORT: '-1' }, /whole number/],
    ['LOG_LEVEL', { LOG_LEVEL: 'verbose' }, /one of trace, debug, info, warn, error, fatal, silent \(got "verbose"\)/],
    ['REBOUND_ADAPTER', { REBOUND_ADAPTER: 'slack' }, /must be "console" or unset/],
    ['REBOUND_DB', { REBOUND_DB: './data/' }, /not a folder/],
  ])('a malformed %s is refused with one line that starts with its name', (variable, env, expected) => {
    const error = refusal(env);
    expect(error.message.startsWith(`${variable} `)).toBe(true);
    expect(error.message).toMatch(expected);
    expect(error.message).not.toContain('\n');
    expect(error.problems.map((problem) => problem.variable)).toEqual([variable]);
  });

  it('lists every problem on the one line, one clause per variable', () => {
    const error = refusal({ PORT: 'eighty', LOG_LEVEL: 'loud', SLACK_BOT_TOKEN: SLACK_BOT });
    expect(error.problems.map((problem) => problem.variable)).toEqual(['PORT', 'LOG_LEVEL', 'SLACK_SIGNING_SECRET']);
    expect(error.message.split('; ')).toHaveLength(3);
    expect(error.message).not.toContain('\n');
  });

  it('never repeats a secret value, even one pasted into the wrong variable', () => {
    const secrets = [SLACK_BOT, SLACK_APP, SLACK_SIGNING, DISCORD];
    const wrong: NodeJS.ProcessEnv[] = [
      { SLACK_BOT_TOKEN: SLACK_APP, SLACK_SIGNING_SECRET: `${SLACK_SIGNING} x` },
      { SLACK_BOT_TOKEN: SLACK_BOT, SLACK_APP_TOKEN: SLACK_SIGNING },
      { DISCORD_TOKEN: DISCORD, DISCORD_APPLICATION_ID: DISCORD },
      { DISCORD_DEV_GUILD_ID: DISCORD, SLACK_API_URL: SLACK_BOT, DISCORD_API_URL: `http://u:${DISCORD}@127.0.0.1/` },
      { PORT: DISCORD, LOG_LEVEL: SLACK_BOT, REBOUND_ADAPTER: SLACK_SIGNING, REBOUND_DB: `${SLACK_APP}/` },
    ];
    for (const env of wrong) {
      const message = refusal(env).message;
      for (const secret of secrets) {
        expect(message).not.toContain(secret);
        expect(message).not.toContain('hush');
      }
    }
  });
});

describe('loadDbPath', () => {
  it('reads only REBOUND_DB, with the same default, whatever else is set', () => {
    expect(loadDbPath({ SLACK_BOT_TOKEN: 'broken' })).toBe('./data/rebound.db');
    expect(loadDbPath({ REBOUND_DB: ' /data/rebound.db ' })).toBe('/data/rebound.db');
  });
});

describe('secretsOf and describeConfig', () => {
  const config = loadConfig({
    SLACK_BOT_TOKEN: SLACK_BOT,
    SLACK_APP_TOKEN: SLACK_APP,
    SLACK_SIGNING_SECRET: SLACK_SIGNING,
    DISCORD_TOKEN: DISCORD,
    DISCORD_APPLICATION_ID: DISCORD_APP,
  });

  it('secretsOf lists every token and secret that was set', () => {
    expect(secretsOf(config).sort()).toEqual([SLACK_BOT, SLACK_SIGNING, SLACK_APP, DISCORD].sort());
    expect(secretsOf(loadConfig({}))).toEqual([]);
  });

  it('describeConfig names the adapters and holds no secret', () => {
    const described = describeConfig(config);
    expect(described).toEqual({
      db: './data/rebound.db',
      port: 3000,
      logLevel: 'info',
      adapters: 'slack (Socket Mode) + discord',
    });
    for (const secret of secretsOf(config)) expect(JSON.stringify(described)).not.toContain(secret);
  });
});
