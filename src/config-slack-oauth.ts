/**
 * Slack OAuth mode's settings: `SLACK_CLIENT_ID`, `SLACK_CLIENT_SECRET`, `SLACK_STATE_SECRET` with
 * no `SLACK_BOT_TOKEN`, over HTTP (`SLACK_SIGNING_SECRET`), the workspaces' tokens sealed with
 * `REBOUND_SECRET_KEY`. Each problem is one line naming its variable, never quoting a secret.
 */
import { parseSecretKey } from './secret-box.ts';
import type { ConfigProblem, Settings, Variable } from './config.ts';

export const OAUTH_VARIABLES = [
  'SLACK_CLIENT_ID',
  'SLACK_CLIENT_SECRET',
  'SLACK_STATE_SECRET',
  'REBOUND_SECRET_KEY',
] as const satisfies readonly Variable[];

/** Slack OAuth mode: many workspaces install Rebound through `/slack/install`; HTTP only. */
export interface SlackOAuthConfig {
  readonly mode: 'oauth';
  readonly clientId: string;
  readonly clientSecret: string;
  readonly stateSecret: string;
  readonly signingSecret: string;
  /** `REBOUND_SECRET_KEY` as given (checked: 32 bytes as 64 hex characters or base64). */
  readonly secretKey: string;
  /** Web API base (Bolt's `slackApiUrl`); Slack's own when absent. */
  readonly apiUrl?: string;
  /** The workspace's chat.postMessage budget per minute; the adapter's default (300) when absent. */
  readonly messagesPerMinute?: number;
}

/** Whether any OAuth setting is given (then the Slack settings are read as OAuth mode's). */
export function oauthGiven(settings: Settings): boolean {
  return (['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const).some(
    (name) => settings[name] !== undefined,
  );
}

const NO_SPACES = /^\S+$/;

/** OAuth mode's settings, or null with a line in `problems` for each one missing or malformed. */
export function selectSlackOAuth(
  settings: Settings,
  rest: { readonly apiUrl?: string; readonly messagesPerMinute?: number },
  problems: ConfigProblem[],
): SlackOAuthConfig | null {
  const fail = (variable: Variable, line: string): null => {
    problems.push({ variable, line });
    return null;
  };
  const before = problems.length;
  if (settings.SLACK_BOT_TOKEN !== undefined) {
    return fail(
      'SLACK_BOT_TOKEN',
      'SLACK_BOT_TOKEN is set with SLACK_CLIENT_ID: choose one workspace (SLACK_BOT_TOKEN) or OAuth for many (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET), not both',
    );
  }
  if (settings.SLACK_APP_TOKEN !== undefined) {
    fail(
      'SLACK_APP_TOKEN',
      'SLACK_APP_TOKEN is set: Slack OAuth mode runs over HTTP; unset it and set SLACK_SIGNING_SECRET',
    );
  }
  const need: readonly [Variable, string][] = [
    ['SLACK_CLIENT_ID', "the app's Client ID (Basic Information)"],
    ['SLACK_CLIENT_SECRET', "the app's Client Secret (Basic Information)"],
    ['SLACK_STATE_SECRET', 'a random string of your own that signs the install links'],
    ['SLACK_SIGNING_SECRET', "the app's Signing Secret (Basic Information)"],
  ];
  for (const [variable, what] of need) {
    const value = settings[variable];
    if (value === undefined) fail(variable, `${variable} is missing: Slack OAuth mode needs ${what}`);
    else if (!NO_SPACES.test(value)) fail(variable, `${variable} is malformed: it has no spaces or line breaks inside`);
  }
  const key = settings.REBOUND_SECRET_KEY;
  if (key === undefined) {
    fail(
      'REBOUND_SECRET_KEY',
      "REBOUND_SECRET_KEY is missing: Slack OAuth mode encrypts the workspaces' tokens with it; give 32 random bytes as 64 hex characters (openssl rand -hex 32)",
    );
  } else if (parseSecretKey(key) === null) {
    fail(
      'REBOUND_SECRET_KEY',
      `REBOUND_SECRET_KEY must be 32 bytes, as 64 hex characters or base64 (got ${key.length} characters); openssl rand -hex 32 makes one`,
    );
  }
  const { SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET, SLACK_SIGNING_SECRET } = settings;
  if (
    problems.length > before ||
    !SLACK_CLIENT_ID ||
    !SLACK_CLIENT_SECRET ||
    !SLACK_STATE_SECRET ||
    !SLACK_SIGNING_SECRET ||
    !key
  ) {
    return null;
  }
  return {
    mode: 'oauth',
    clientId: SLACK_CLIENT_ID,
    clientSecret: SLACK_CLIENT_SECRET,
    stateSecret: SLACK_STATE_SECRET,
    signingSecret: SLACK_SIGNING_SECRET,
    secretKey: key,
    ...(rest.apiUrl === undefined ? {} : { apiUrl: rest.apiUrl }),
    ...(rest.messagesPerMinute === undefined ? {} : { messagesPerMinute: rest.messagesPerMinute }),
  };
}
