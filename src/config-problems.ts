/** The one line each refused setting gets: what the variable expects, never a value that could be a secret. */
import type { z } from 'zod';
import type { ConfigProblem, Settings } from './config.ts';
import { LOG_LEVELS } from './config-values.ts';

/**
 * Quotes a value in an error line only when it is short: a long value may be a secret pasted into
 * the wrong variable, and the error must not print it.
 */
function shown(value: string | undefined): string {
  if (value === undefined) return 'nothing';
  return value.length <= 16 ? JSON.stringify(value) : `a ${value.length}-character value`;
}

/** Turns zod's issues into our lines; a failure we did not word gets a generic, value-free line. */
export function problemsOf(error: z.ZodError, settings: Settings): ConfigProblem[] {
  const problems = error.issues.map((issue) => {
    const variable = String(issue.path[0] ?? 'environment');
    const line = issue.message.startsWith(`${variable} `) ? issue.message : describe(variable, settings);
    return { variable, line };
  });
  // A value can fail several checks; one line per variable is enough.
  return problems.filter(
    (problem, index) => problems.findIndex((other) => other.variable === problem.variable) === index,
  );
}

function describe(variable: string, settings: Settings): string {
  switch (variable) {
    case 'DELIVERY_RETRY_HOURS':
      return `DELIVERY_RETRY_HOURS must be a whole number of hours from 1 to 168 (got ${shown(settings.DELIVERY_RETRY_HOURS)})`;
    case 'DELIVERY_CLAIM_LEASE_SECONDS':
      return `DELIVERY_CLAIM_LEASE_SECONDS must be a whole number of seconds from 10 to 3600 (got ${shown(settings.DELIVERY_CLAIM_LEASE_SECONDS)})`;
    case 'REMOVED_WORKSPACE_GRACE_DAYS':
      return `REMOVED_WORKSPACE_GRACE_DAYS must be a whole number of days from 1 to 365 (got ${shown(settings.REMOVED_WORKSPACE_GRACE_DAYS)})`;
    case 'SHUTDOWN_GRACE_SECONDS':
      return `SHUTDOWN_GRACE_SECONDS must be a whole number of seconds from 0 to 600 (got ${shown(settings.SHUTDOWN_GRACE_SECONDS)})`;
    case 'DISCORD_GATEWAY_LEASE_SECONDS':
      return `DISCORD_GATEWAY_LEASE_SECONDS must be a whole number of seconds from 3 to 3600 (got ${shown(settings.DISCORD_GATEWAY_LEASE_SECONDS)})`;
    case 'PORT':
      return `PORT must be a whole number from 0 to 65535 (got ${shown(settings.PORT)})`;
    case 'SLACK_MESSAGES_PER_MINUTE':
      return `SLACK_MESSAGES_PER_MINUTE must be a whole number of messages from 1 to 100000 (got ${shown(settings.SLACK_MESSAGES_PER_MINUTE)})`;
    case 'LOG_LEVEL':
      return `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got ${shown(settings.LOG_LEVEL)})`;
    case 'REBOUND_CONSOLE_START':
      return `REBOUND_CONSOLE_START must be a local date and time like 2026-12-01T09:00 (got ${shown(settings.REBOUND_CONSOLE_START)})`;
    case 'REBOUND_ADAPTER':
      return `REBOUND_ADAPTER must be "console" or unset, to choose Slack or Discord from their tokens (got ${shown(settings.REBOUND_ADAPTER)})`;
    default:
      return `${variable} is malformed`;
  }
}
