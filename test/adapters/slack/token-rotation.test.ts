/**
 * Token rotation in Slack OAuth mode: a bot token close to its expiry is refreshed before it is
 * used, once per workspace even when two replicas (each with its own connection to one database)
 * ask at the same moment; a token far from expiry is used as it is; a refresh that fails sends
 * nothing and answers nothing. Sends and requests then carry the refreshed token to the fake.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackAdapter } from '../../../adapters/slack/index.ts';
import { createOAuthAdapter } from './oauth-adapter.ts';
import type { SlackInstallation } from '../../../adapters/slack/installations.ts';
import { createInstallationAccess, type InstallationAccess } from '../../../adapters/slack/oauth.ts';
import { createTokenRefresher, TOKEN_REFRESH_MARGIN_MS } from '../../../adapters/slack/token-refresh.ts';
import { DeliveryError } from '../../../src/core/errors.ts';
import { textMessage, type Form } from '../../../src/core/messages.ts';
import { openStore, type OpenedStore } from '../../../src/db/open-store.ts';
import { createSecretBox } from '../../../src/secret-box.ts';
import { RecordingHandler } from '../../fakes/recording-handler.ts';
import { RecordingLogger } from '../../fakes/recording-logger.ts';
import { SlackRequestSender } from '../../fakes/slack-requests.ts';
import { FakeSlackWebApi, type FakeInstall } from '../../fakes/slack-web-api.ts';
import { inboundFor } from '../../helpers/core-inbound.ts';
import { createTestDatabase, TEST_DATABASE_URL } from '../../helpers/stores.ts';
import { SIGNING_SECRET } from './harness.ts';

const HOUR = 60 * 60_000;
const CLIENT = {
  clientId: '1234.5678',
  clientSecret: 'client-secret-for-tests',
  stateSecret: 'state-secret-for-tests',
};
const ACME: FakeInstall = {
  code: 'code-acme',
  teamId: 'TACME',
  teamName: 'Acme',
  botToken: 'xoxe.xoxb-1-acme-first-secret',
  botId: 'BACME',
  botUserId: 'UACMEBOT',
  refreshToken: 'xoxe-1-acme-refresh-first-secret',
};
const FORM: Form = { formId: 'rejected', title: 'Log it', submitLabel: 'Save', fields: [] };

/** ACME's installation as stored, its token expiring `inMs` from now. */
function acmeExpiringIn(inMs: number, refreshToken: string | null = ACME.refreshToken ?? null): SlackInstallation {
  return {
    teamId: ACME.teamId,
    enterpriseId: null,
    botToken: ACME.botToken,
    botId: ACME.botId,
    botUserId: ACME.botUserId,
    refreshToken,
    tokenExpiresAt: new Date(Date.now() + inMs),
  };
}

let api: FakeSlackWebApi;
let logger: RecordingLogger;
const box = createSecretBox(randomBytes(32));
const cleanUps: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  api = await new FakeSlackWebApi().start();
  api.allowInstall(ACME);
  logger = new RecordingLogger();
  cleanUps.push(() => api.stop());
});

afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

/** One replica's installation access, on its own connection to the database. */
function accessOn(replica: OpenedStore): InstallationAccess {
  return createInstallationAccess(
    {
      ...CLIENT,
      installations: replica.slackInstallations(box),
      leases: replica.store.leases,
      refreshWait: { stepMs: 50, totalMs: 10_000 },
    },
    {
      clock: { now: () => new Date() },
      logger,
      clientOf: (token) => new webApi.WebClient(token, { slackApiUrl: api.apiUrl, retryConfig: { retries: 0 } }),
      onInstalled: async () => undefined,
    },
  );
}

/** The refreshes (not code exchanges) that reached the fake. */
const refreshes = () => api.callsTo('oauth.v2.access').filter((c) => c.params['grant_type'] === 'refresh_token');

/** Two replicas' stores over one database of this kind. */
const REPLICA_DATABASES = [
  {
    name: 'PostgreSQL',
    skip: !TEST_DATABASE_URL,
    async open(): Promise<[OpenedStore, OpenedStore]> {
      const database = await createTestDatabase();
      cleanUps.push(() => database.drop());
      const first = await openStore({ databaseUrl: database.url, dbPath: ':memory:' });
      cleanUps.push(() => first.close());
      const second = await openStore({ databaseUrl: database.url, dbPath: ':memory:' });
      cleanUps.push(() => second.close());
      return [first, second];
    },
  },
  {
    name: 'SQLite on a file',
    skip: false,
    async open(): Promise<[OpenedStore, OpenedStore]> {
      const dir = mkdtempSync(join(tmpdir(), 'rebound-rotation-'));
      cleanUps.push(() => rmSync(dir, { recursive: true, force: true }));
      const file = join(dir, 'rebound.db');
      const first = await openStore({ dbPath: file });
      cleanUps.push(() => first.close());
      const second = await openStore({ dbPath: file });
      cleanUps.push(() => second.close());
      return [first, second];
    },
  },
];

for (const database of REPLICA_DATABASES) {
  describe.skipIf(database.skip)(`token rotation across two replicas: ${database.name}`, () => {
    it('refreshes an expiring token once when both replicas need it at the same moment, and both use the new one', async () => {
      const [one, two] = await database.open();
      await one.slackInstallations(box).save(acmeExpiringIn(HOUR), new Date());
      // The refresh takes a while, so the other replica's callers arrive while it runs.
      api.slowDown('oauth.v2.access', 300);
      const [a, b] = [accessOn(one), accessOn(two)];
      const clients = await Promise.all([a, b, a, b, a, b, a, b].map((access) => access.clientFor(ACME.teamId)));

      expect(refreshes()).toHaveLength(1);
      const [refresh] = refreshes();
      expect(refresh?.params).toMatchObject({
        grant_type: 'refresh_token',
        refresh_token: ACME.refreshToken,
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
      });
      const fresh = String(refresh?.response['access_token']);
      expect(fresh).toMatch(/^xoxe\.xoxb-/);
      expect(fresh).not.toBe(ACME.botToken);
      expect(new Set(clients.map((c) => c.token))).toEqual(new Set([fresh]));

      // What each replica sends afterwards carries the new token, and the fake knows it as Acme's.
      api.reset();
      for (const access of [a, b]) {
        const client = await access.clientFor(ACME.teamId);
        await client.chat.postMessage({ channel: 'C1', text: 'hi' });
        expect((await client.auth.test()).team_id).toBe(ACME.teamId);
      }
      expect(api.callsTo('chat.postMessage').map((c) => c.token)).toEqual([fresh, fresh]);
      expect(api.callsTo('auth.test').map((c) => c.token)).toEqual([fresh, fresh]);
      expect(refreshes()).toEqual([]);

      const stored = await two.slackInstallations(box).find(ACME.teamId);
      expect(stored?.botToken).toBe(fresh);
      expect(stored?.refreshToken).toBe(refresh?.response['refresh_token']);
      expect(stored?.tokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 11 * HOUR);
      // The lease is given back once the refresh is done.
      expect(await two.store.leases.acquire(`slack-token:${ACME.teamId}`, 'someone', new Date(), 1000)).toBe(true);
    });

    it('lets a replica that reaches the lease after the other refreshed read the new token, refreshing nothing', async () => {
      const [one, two] = await database.open();
      await one.slackInstallations(box).save(acmeExpiringIn(HOUR), new Date());
      const fresh = (await accessOn(one).clientFor(ACME.teamId)).token;
      // The second replica still believed the token was expiring (it read the row before the refresh).
      const late = createTokenRefresher({
        ...CLIENT,
        installations: two.slackInstallations(box),
        leases: two.store.leases,
        client: new webApi.WebClient(undefined, { slackApiUrl: api.apiUrl, retryConfig: { retries: 0 } }),
        clock: { now: () => new Date() },
        logger,
      });
      expect((await late.refresh(ACME.teamId)).botToken).toBe(fresh);
      expect(refreshes()).toHaveLength(1);
    });

    it('waits a bounded time for a replica that holds the lease and never finishes, then fails the send as transient', async () => {
      const [one, two] = await database.open();
      // Two minutes left: too little to go on using the token while the refresh is pending.
      await one.slackInstallations(box).save(acmeExpiringIn(2 * 60_000), new Date());
      expect(
        await one.store.leases.acquire(`slack-token:${ACME.teamId}`, 'a-replica-that-died', new Date(), HOUR),
      ).toBe(true);
      const waiting = createInstallationAccess(
        {
          ...CLIENT,
          installations: two.slackInstallations(box),
          leases: two.store.leases,
          refreshWait: { stepMs: 20, totalMs: 200 },
        },
        {
          clock: { now: () => new Date() },
          logger,
          clientOf: (token) => new webApi.WebClient(token, { slackApiUrl: api.apiUrl, retryConfig: { retries: 0 } }),
          onInstalled: async () => undefined,
        },
      );
      const failure = await waiting.clientFor(ACME.teamId).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DeliveryError);
      expect((failure as DeliveryError).kind).toBe('transient');
      expect(refreshes()).toEqual([]);
      expect(logger.lines.map((l) => l.fields['failure'])).toContain('timed-out');
    });
  });
}

describe('token rotation in one process', () => {
  let replica: OpenedStore;
  beforeEach(async () => {
    [replica] = await REPLICA_DATABASES[1]!.open();
  });

  it('uses a token far from its expiry as it is, and one that never expires', async () => {
    const installations = replica.slackInstallations(box);
    await installations.save(acmeExpiringIn(TOKEN_REFRESH_MARGIN_MS + HOUR), new Date());
    await installations.save(
      {
        ...acmeExpiringIn(0),
        teamId: 'TPLAIN',
        botToken: 'xoxb-plain-secret',
        tokenExpiresAt: null,
        refreshToken: null,
      },
      new Date(),
    );
    const access = accessOn(replica);
    expect((await access.clientFor(ACME.teamId)).token).toBe(ACME.botToken);
    expect((await access.clientFor('TPLAIN')).token).toBe('xoxb-plain-secret');
    expect(api.callsTo('oauth.v2.access')).toEqual([]);
  });

  it('keeps using the token it refreshed, without refreshing it again', async () => {
    await replica.slackInstallations(box).save(acmeExpiringIn(HOUR), new Date());
    const access = accessOn(replica);
    const first = await access.clientFor(ACME.teamId);
    expect(await access.clientFor(ACME.teamId)).toBe(first);
    expect(first.token).not.toBe(ACME.botToken);
    expect(refreshes()).toHaveLength(1);
  });
});

describe('token rotation through the Slack adapter', () => {
  let replica: OpenedStore;
  let adapter: SlackAdapter;
  let handler: RecordingHandler;
  let slack: SlackRequestSender;

  beforeEach(async () => {
    [replica] = await REPLICA_DATABASES[1]!.open();
    adapter = createOAuthAdapter(
      api,
      { ...CLIENT, installations: replica.slackInstallations(box), leases: replica.store.leases },
      logger,
    );
    handler = new RecordingHandler({ type: 'form', form: FORM });
    adapter.initialize(inboundFor(handler));
    slack = new SlackRequestSender(`http://127.0.0.1:${(await adapter.start()).port}/slack/events`, SIGNING_SECRET);
    cleanUps.push(() => adapter.stop());
  });

  const command = () =>
    slack.command({ command: '/rejected', text: '', teamId: ACME.teamId, responseUrl: api.responseUrl('acme') });
  const send = () =>
    adapter.chat.postToChannel(
      { workspace: { platform: 'slack', workspaceId: ACME.teamId }, channelId: 'C1' },
      textMessage('hi'),
    );

  it('answers a request from a workspace whose token is expiring with the refreshed token', async () => {
    await replica.slackInstallations(box).save(acmeExpiringIn(HOUR), new Date());
    expect((await command()).status).toBe(200);
    expect(refreshes()).toHaveLength(1);
    const fresh = refreshes()[0]?.response['access_token'];
    expect(handler.events.map((e) => e.source.workspaceId)).toEqual([ACME.teamId]);
    expect(api.callsTo('views.open').map((c) => c.token)).toEqual([fresh]);
    // The send afterwards uses it too, with no second refresh.
    await send();
    expect(api.callsTo('chat.postMessage').map((c) => c.token)).toEqual([fresh]);
    expect(refreshes()).toHaveLength(1);
  });

  it('goes on with a token that has time left when Slack refuses the refresh: one log line with no token in it', async () => {
    // A refresh token Slack no longer takes (spent, or revoked); the token has 30 minutes left.
    await replica.slackInstallations(box).save(acmeExpiringIn(HOUR / 2, 'xoxe-1-acme-spent-secret'), new Date());
    await send();
    expect(refreshes().map((c) => c.response['error'])).toEqual(['invalid_refresh_token']);
    expect(api.callsTo('chat.postMessage').map((c) => c.token)).toEqual([ACME.botToken]);
    const lines = logger.lines.filter((l) => l.message === 'slack bot token not refreshed');
    expect(lines).toEqual([
      {
        level: 'error',
        message: 'slack bot token not refreshed',
        fields: expect.objectContaining({ teamId: ACME.teamId, reason: 'invalid_refresh_token' }),
      },
    ]);
    expect(JSON.stringify(logger.lines)).not.toMatch(/xox|secret/);
  });

  it('sends nothing with a token about to expire that could not be refreshed: a transient failure', async () => {
    await replica.slackInstallations(box).save(acmeExpiringIn(2 * 60_000, 'xoxe-1-acme-spent-secret'), new Date());
    const failure = await send().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect((failure as DeliveryError).kind).toBe('transient');
    expect(api.callsTo('chat.postMessage')).toEqual([]);
  });

  it('neither answers nor sends with an expired token it cannot refresh', async () => {
    await replica.slackInstallations(box).save(acmeExpiringIn(-HOUR, 'xoxe-1-acme-spent-secret'), new Date());
    await command();
    expect(handler.events).toEqual([]);
    await expect(send()).rejects.toMatchObject({ kind: 'transient' });
    const used = api.calls.filter((c) => c.method !== 'oauth.v2.access' && c.method !== 'response_url');
    expect(used).toEqual([]);
    // The send right after the request did not ask Slack again: a failed refresh waits a while.
    expect(refreshes()).toHaveLength(1);
  });

  it('asks Slack once for many sends after a refused refresh, and uses the token while it lasts', async () => {
    await replica.slackInstallations(box).save(acmeExpiringIn(HOUR / 2, 'xoxe-1-acme-spent-secret'), new Date());
    for (let i = 0; i < 5; i++) await send();
    expect(refreshes()).toHaveLength(1);
    expect(api.callsTo('chat.postMessage').map((c) => c.token)).toEqual(Array(5).fill(ACME.botToken));
  });

  it('uses a refresh token once: after one refresh, the next refresh uses the new refresh token', async () => {
    // The token the refresh gave expires soon too (a short-lived install): the next use refreshes again.
    await replica.slackInstallations(box).save(acmeExpiringIn(HOUR), new Date());
    await send();
    const [first] = refreshes();
    const stored = await replica.slackInstallations(box).find(ACME.teamId);
    await replica.slackInstallations(box).saveRefreshed(
      ACME.teamId,
      {
        botToken: stored?.botToken ?? '',
        refreshToken: stored?.refreshToken ?? '',
        tokenExpiresAt: new Date(Date.now() + HOUR),
      },
      new Date(),
    );
    // The adapter keeps its installation in memory for a minute; another access reads the row now.
    const other = accessOn(replica);
    const client = await other.clientFor(ACME.teamId);
    const second = refreshes()[1];
    expect(second?.params['refresh_token']).toBe(first?.response['refresh_token']);
    expect(second?.response['ok']).toBe(true);
    expect(client.token).toBe(second?.response['access_token']);
  });
});
