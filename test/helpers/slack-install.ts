/**
 * What a browser does to install the app on a running Rebound in Slack OAuth mode: open
 * `/slack/install`, keep the state cookie, and come back to `/slack/oauth_redirect` with Slack's
 * code and the state, as Slack sends it back.
 */

/** The settings of Slack OAuth mode for a Rebound started by a test (the fake's client id and secret). */
export const OAUTH_ENV = {
  SLACK_CLIENT_ID: '1234.5678',
  SLACK_CLIENT_SECRET: 'client-secret-for-tests',
  SLACK_STATE_SECRET: 'state-secret-for-tests',
  SLACK_SIGNING_SECRET: 'test-signing-secret',
  REBOUND_SECRET_KEY: 'cd'.repeat(32),
} as const;

/** Installs through `base` with `code`; resolves with the redirect's HTTP status. */
export async function installThroughBrowser(base: string, code: string): Promise<number> {
  const page = await fetch(`${base}/slack/install`);
  const href = /<a href="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const state = new URL(href.replaceAll('&amp;', '&')).searchParams.get('state') ?? '';
  const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const query = new URLSearchParams({ code, state }).toString();
  const done = await fetch(`${base}/slack/oauth_redirect?${query}`, { headers: { cookie } });
  await done.arrayBuffer();
  return done.status;
}
