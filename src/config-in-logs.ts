/**
 * What of the settings may reach a log: every secret, for the logger to scrub, and a description
 * of the configuration without any of them.
 */
import type { Config } from './config.ts';

/** Every secret value in the settings, for the logger to scrub wherever one would appear. */
export function secretsOf(config: Config): string[] {
  const secrets: (string | undefined)[] = databasePassword(config.databaseUrl);
  const { slack, discord } = config.adapters.kind === 'console' ? { slack: null, discord: null } : config.adapters;
  if (slack?.mode === 'oauth')
    secrets.push(slack.clientSecret, slack.stateSecret, slack.signingSecret, slack.secretKey);
  else if (slack) {
    secrets.push(slack.botToken, slack.signingSecret, slack.mode === 'socket' ? slack.appToken : undefined);
  }
  if (discord) secrets.push(discord.token);
  return secrets.filter((secret): secret is string => secret !== undefined && secret !== '');
}

const SLACK_MODES = { http: 'HTTP', socket: 'Socket Mode', oauth: 'HTTP, OAuth' } as const;

/** What started, without secrets: fit for one start-up log line. */
export function describeConfig(config: Config): Record<string, string | number> {
  const adapters =
    config.adapters.kind === 'console'
      ? 'console'
      : [
          config.adapters.slack ? `slack (${SLACK_MODES[config.adapters.slack.mode]})` : null,
          config.adapters.discord ? 'discord' : null,
        ]
          .filter((name) => name !== null)
          .join(' + ');
  return { db: databaseOf(config), port: config.port, logLevel: config.logLevel, adapters };
}

/** The database, fit to log: the SQLite path, or the PostgreSQL URL without user and password. */
function databaseOf(config: Config): string {
  if (!config.databaseUrl) return config.dbPath;
  const url = new URL(config.databaseUrl);
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/** The PostgreSQL password, as written in the URL and decoded, so neither form reaches a log. */
function databasePassword(databaseUrl: string | undefined): string[] {
  const password = databaseUrl ? new URL(databaseUrl).password : '';
  if (!password) return [];
  try {
    return [...new Set([password, decodeURIComponent(password)])];
  } catch {
    return [password];
  }
}
