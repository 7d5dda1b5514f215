/**
 * The OAuth half of the fake Slack Web API (`slack-web-api.ts` answers `oauth.v2.access` and
 * `auth.test` through it): a code exchanges once for the workspace's bot token and, for a
 * workspace installed with token rotation, a refresh token and an expiry; a refresh
 * (`grant_type=refresh_token`) answers a new bot token and a new refresh token, and the refresh
 * token it used is spent (a second use answers `invalid_refresh_token`, as Slack does).
 * https://docs.slack.dev/authentication/using-token-rotation
 */

/** A workspace the fake lets install the app: `oauth.v2.access` with `code` answers with its token. */
export interface FakeInstall {
  readonly code: string;
  readonly teamId: string;
  readonly teamName: string;
  /** With rotation, `xoxe.xoxb-…`. */
  readonly botToken: string;
  readonly botId: string;
  readonly botUserId: string;
  /** Token rotation: the install's first refresh token (`xoxe-1-…`); absent, the token never expires. */
  readonly refreshToken?: string;
  /** Token rotation: how long each bot token lasts, in seconds. Slack's: 12 hours. */
  readonly expiresInSeconds?: number;
}

/** Slack's bot tokens with rotation last 12 hours. */
const TWELVE_HOURS_S = 43_200;

export class FakeSlackOAuth {
  readonly #installs = new Map<string, FakeInstall>();
  readonly #usedCodes = new Set<string>();
  /** Refresh tokens not yet spent, to the install they refresh. */
  readonly #refreshable = new Map<string, FakeInstall>();
  /** Every bot token handed out by a refresh, to its install. */
  readonly #rotated = new Map<string, FakeInstall>();
  #generation = 0;

  allow(install: FakeInstall): void {
    this.#installs.set(install.code, install);
    if (install.refreshToken) this.#refreshable.set(install.refreshToken, install);
  }

  /** https://docs.slack.dev/reference/methods/oauth.v2.access: a code's bot token, or a refreshed one. */
  access(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const str = (key: string): string => (typeof params[key] === 'string' ? (params[key] as string) : '');
    if (!str('client_id') || !str('client_secret')) return { ok: false, error: 'invalid_client_id' };
    if (str('grant_type') === 'refresh_token') return this.#refresh(str('refresh_token'));
    const install = this.#installs.get(str('code'));
    // A code is good for one exchange.
    if (!install || this.#usedCodes.has(install.code)) return { ok: false, error: 'invalid_code' };
    this.#usedCodes.add(install.code);
    return {
      ...tokenAnswer(install, install.botToken),
      authed_user: { id: 'UINSTALLER' },
      ...(install.refreshToken
        ? { refresh_token: install.refreshToken, expires_in: install.expiresInSeconds ?? TWELVE_HOURS_S }
        : {}),
    };
  }

  /** The install a bot token belongs to: its first token or any refreshed one; undefined for others. */
  installOf(token: string): FakeInstall | undefined {
    return this.#rotated.get(token) ?? [...this.#installs.values()].find((install) => install.botToken === token);
  }

  #refresh(refreshToken: string): Record<string, unknown> {
    const install = this.#refreshable.get(refreshToken);
    if (!install) return { ok: false, error: 'invalid_refresh_token' };
    this.#refreshable.delete(refreshToken);
    this.#generation += 1;
    const botToken = `xoxe.xoxb-1-${install.teamId}-rotated-${this.#generation}`;
    const next = `xoxe-1-${install.teamId}-refresh-${this.#generation}`;
    this.#rotated.set(botToken, install);
    this.#refreshable.set(next, install);
    return {
      ...tokenAnswer(install, botToken),
      refresh_token: next,
      expires_in: install.expiresInSeconds ?? TWELVE_HOURS_S,
    };
  }
}

/** What `oauth.v2.access` answers with a bot token, for an install or a refresh alike. */
function tokenAnswer(install: FakeInstall, botToken: string): Record<string, unknown> {
  return {
    ok: true,
    access_token: botToken,
    token_type: 'bot',
    scope: 'commands,chat:write,im:write',
    bot_user_id: install.botUserId,
    app_id: 'A0FAKEAPP',
    team: { name: install.teamName, id: install.teamId },
    enterprise: null,
    is_enterprise_install: false,
  };
}
