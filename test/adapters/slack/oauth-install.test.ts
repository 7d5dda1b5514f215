/**
 * Slack OAuth mode through the real adapter on loopback: a workspace installs Rebound through
 * `/slack/install` and `/slack/oauth_redirect` (InstallProvider, `oauth.v2.access` answered by the
 * fake), the installation lands in the database with its token sealed, and every request and send
 * afterwards uses the token of the workspace it is for.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SlackAdapter } from '../../../adapters/slack/index.ts';
import { createOAuthAdapter } from './oauth-adapter.ts';
import { DeliveryError } from '../../../src/core/errors.ts';
import { textMessage, type Form } from '../../../src/core/messages.ts';
import { createSecretBox } from '../../../src/secret-box.ts';
import { RecordingHandler } from '../../fakes/recording-handler.ts';
import { RecordingLogger } from '../../fakes/recording-logger.ts';
import { SlackRequestSender } from '../../fakes/slack-requests.ts';
import { FakeSlackWebApi, type FakeInstall } from '../../fakes/slack-web-api.ts';
import { inboundFor, type OwnInbound } from '../../helpers/core-inbound.ts';
import { openTestStore, type TestStore } from '../../helpers/stores.ts';
import { SIGNING_SECRET } from './harness.ts';

const STATE_SECRET = 'state-secret-for-tests-0123456789';
const ACME: FakeInstall = {
  code: 'code-acme',
  teamId: 'TACME',
  teamName: 'Acme',
  botToken: 'xoxb-acme-1111-secret',
  botId: 'BACME',
  botUserId: 'UACMEBOT',
};
const GLOBEX: FakeInstall = {
  code: 'code-globex',
  teamId: 'TGLOBEX',
  teamName: 'Globex',
  botToken: 'xoxb-globex-2222-secret',
  botId: 'BGLOBEX',
  botUserId: 'UGLOBEXBOT',
};
const FORM: Form = { formId: 'rejected', title: 'Log it', submitLabel: 'Save', fields: [] };

let api: FakeSlackWebApi;
let db: TestStore;
let adapter: SlackAdapter;
let handler: RecordingHandler;
let inbound: OwnInbound<RecordingHandler>;
let logger: RecordingLogger;
let base: string;
let slack: SlackRequestSender;

beforeEach(async () => {
  api = await new FakeSlackWebApi().start();
  api.allowInstall(ACME);
  api.allowInstall(GLOBEX);
  db = await openTestStore('sqlite-memory');
  logger = new RecordingLogger();
  adapter = createOAuthAdapter(
    api,
    {
      clientId: '1234.5678',
      clientSecret: 'client-secret-for-tests',
      stateSecret: STATE_SECRET,
      installations: db.slackInstallations(createSecretBox(randomBytes(32))),
      leases: db.store.leases,
    },
    logger,
  );
  handler = new RecordingHandler({ type: 'form', form: FORM });
  inbound = inboundFor(handler);
  adapter.initialize(inbound);
  base = `http://127.0.0.1:${(await adapter.start()).port}`;
  slack = new SlackRequestSender(`${base}/slack/events`, SIGNING_SECRET);
});

afterEach(async () => {
  vi.useRealTimers();
  await adapter.stop();
  await api.stop();
  await db.close();
});

/** What a browser does on the install page: read the authorize link and keep the state cookie. */
async function openInstallPage(): Promise<{ page: string; authorize: URL; cookie: string }> {
  const res = await fetch(`${base}/slack/install`);
  expect(res.status).toBe(200);
  const page = await res.text();
  const href = /<a href="([^"]+)"/.exec(page)?.[1];
  if (!href) throw new Error(`no authorize link on the install page: ${page}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { page, authorize: new URL(href.replaceAll('&amp;', '&')), cookie };
}

/** Slack sending the browser back with a code and the state. */
async function redirect(query: Record<string, string>, cookie = ''): Promise<{ status: number; text: string }> {
  const res = await fetch(`${base}/slack/oauth_redirect?${new URLSearchParams(query).toString()}`, {
    headers: cookie ? { cookie } : {},
  });
  return { status: res.status, text: await res.text() };
}

async function install(workspace: FakeInstall): Promise<void> {
  const { authorize, cookie } = await openInstallPage();
  const done = await redirect({ code: workspace.code, state: authorize.searchParams.get('state') ?? '' }, cookie);
  expect(done.status).toBe(200);
}

const command = (teamId: string) =>
  slack.command({ command: '/rejected', text: '', teamId, responseUrl: api.responseUrl(teamId) });

describe('Slack OAuth: installing in many workspaces', () => {
  it('serves an Add to Slack page whose link asks Slack for the bot scopes with a signed state', async () => {
    const { page, authorize, cookie } = await openInstallPage();
    expect(page).toContain('Add to Slack');
    expect(`${authorize.origin}${authorize.pathname}`).toBe('https://slack.com/oauth/v2/authorize');
    expect(authorize.searchParams.get('client_id')).toBe('1234.5678');
    expect(authorize.searchParams.get('scope')?.split(',')).toContain('commands');
    const state = authorize.searchParams.get('state');
    expect(state).toBeTruthy();
    expect(cookie).toBe(`slack-app-oauth-state=${state}`);
  });

  it('stores the installation the redirect brings, exchanging the code at the configured Web API', async () => {
    await install(ACME);
    expect(api.callsTo('oauth.v2.access').map((c) => c.params['code'])).toEqual(['code-acme']);
    const rows = await db.rows(
      'SELECT team_id, enterprise_id, bot_id, bot_user_id, bot_token FROM slack_installations',
    );
    expect(rows).toEqual([
      {
        team_id: 'TACME',
        enterprise_id: null,
        bot_id: 'BACME',
        bot_user_id: 'UACMEBOT',
        bot_token: expect.any(String),
      },
    ]);
    // The raw row, read with SQL, holds no token.
    const raw = JSON.stringify(await db.rows('SELECT * FROM slack_installations'));
    expect(raw).not.toContain('xoxb');
    expect(raw).not.toContain('acme-1111-secret');
  });

  it('answers each installed workspace with its own token, inbound and outbound', async () => {
    await install(ACME);
    await install(GLOBEX);
    api.reset();
    expect((await command('TACME')).status).toBe(200);
    expect((await command('TGLOBEX')).status).toBe(200);
    expect(api.callsTo('views.open').map((c) => c.token)).toEqual([ACME.botToken, GLOBEX.botToken]);
    expect(handler.events.map((e) => e.source.workspaceId)).toEqual(['TACME', 'TGLOBEX']);

    api.reset();
    for (const workspaceId of ['TGLOBEX', 'TACME']) {
      await adapter.chat.postToChannel(
        { workspace: { platform: 'slack', workspaceId }, channelId: 'C1' },
        textMessage('hi'),
      );
    }
    expect(api.callsTo('chat.postMessage').map((c) => c.token)).toEqual([GLOBEX.botToken, ACME.botToken]);
  });

  it('leaves a workspace that has not installed Rebound unanswered and sends nothing to it', async () => {
    await install(ACME);
    api.reset();
    await command('TOTHER');
    expect(handler.events).toEqual([]);
    expect(api.calls.filter((c) => c.method !== 'response_url')).toEqual([]);
    expect(logger.lines.map((l) => l.message)).toContain('slack workspace has not installed Rebound');
    const send = adapter.chat.postToChannel(
      { workspace: { platform: 'slack', workspaceId: 'TOTHER' }, channelId: 'C1' },
      textMessage('hi'),
    );
    await expect(send).rejects.toThrow(DeliveryError);
    await expect(send).rejects.toMatchObject({ message: 'workspace TOTHER has not installed Rebound' });
    expect(api.callsTo('chat.postMessage')).toEqual([]);
  });

  it('refuses a redirect with a forged state, or with none, and stores nothing', async () => {
    const { cookie } = await openInstallPage();
    const forged = `${cookie.split('=')[1]?.slice(0, -4) ?? ''}AAAA`;
    expect((await redirect({ code: ACME.code, state: forged }, `slack-app-oauth-state=${forged}`)).status).toBe(400);
    expect((await redirect({ code: ACME.code }, cookie)).status).toBe(400);
    expect(api.callsTo('oauth.v2.access')).toEqual([]);
    expect(await db.rows('SELECT team_id FROM slack_installations')).toEqual([]);
  });

  it('refuses a state from another browser session, or one older than ten minutes', async () => {
    const { authorize } = await openInstallPage();
    const state = authorize.searchParams.get('state') ?? '';
    expect((await redirect({ code: ACME.code, state })).status).toBe(400);
    const { authorize: later, cookie } = await openInstallPage();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 11 * 60_000 });
    expect((await redirect({ code: ACME.code, state: later.searchParams.get('state') ?? '' }, cookie)).status).toBe(
      400,
    );
    expect(api.callsTo('oauth.v2.access')).toEqual([]);
    expect(await db.rows('SELECT team_id FROM slack_installations')).toEqual([]);
  });

  it('stops all sending to a workspace that uninstalls, tells the core, and serves it again after a reinstall', async () => {
    await install(ACME);
    await install(GLOBEX);
    expect(inbound.workspaceNotices).toEqual(['installed:TACME', 'installed:TGLOBEX']);
    const gone = await slack.event({
      token: 'x',
      team_id: 'TACME',
      api_app_id: 'A1',
      type: 'event_callback',
      event_id: 'EvUninstalled1',
      event_time: 1700000000,
      event: { type: 'app_uninstalled' },
    });
    expect(gone.status).toBe(200);
    expect(inbound.workspaceNotices.at(-1)).toBe('removed:TACME');
    expect(
      (await db.rows("SELECT removed_at FROM slack_installations WHERE team_id = 'TACME'"))[0]?.['removed_at'],
    ).not.toBeNull();

    api.reset();
    const to = (workspaceId: string) =>
      adapter.chat.postToChannel({ workspace: { platform: 'slack', workspaceId }, channelId: 'C1' }, textMessage('hi'));
    await expect(to('TACME')).rejects.toMatchObject({ kind: 'transient' });
    await to('TGLOBEX');
    expect(api.calls.filter((c) => c.method !== 'response_url').map((c) => c.token)).toEqual([GLOBEX.botToken]);
    await command('TACME');
    expect(handler.events).toEqual([]);

    const again = { ...ACME, code: 'code-acme-again', botToken: 'xoxb-acme-3333-secret' };
    api.allowInstall(again);
    await install(again);
    expect(inbound.workspaceNotices.at(-1)).toBe('installed:TACME');
    api.reset();
    await to('TACME');
    expect(api.callsTo('chat.postMessage').map((c) => c.token)).toEqual([again.botToken]);
  });
});
