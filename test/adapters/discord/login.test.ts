import { afterEach, expect, it } from 'vitest';
import { GatewayIntentBits } from 'discord.js';
import {
  createDiscordAdapter,
  DiscordTokenRejectedError,
  type DiscordAdapter,
} from '../../../adapters/discord/create-discord-adapter.ts';
import { COMMAND_DEFINITIONS } from '../../../adapters/discord/commands.ts';
import { FakeDiscordGateway } from '../../fakes/discord-gateway.ts';
import { APP_ID, command, GUILD_ID, opt } from '../../fakes/discord-packets.ts';
import { RecordingHandler } from '../../fakes/recording-handler.ts';
import { FakeDiscordRest } from '../../fakes/discord-rest.ts';
import { RecordingLogger } from '../../fakes/recording-logger.ts';
import { inboundFor } from '../../helpers/core-inbound.ts';

const adapters: DiscordAdapter[] = [];
let rest: FakeDiscordRest | undefined;
let gateway: FakeDiscordGateway | undefined;

afterEach(async () => {
  for (const adapter of adapters.splice(0)) await adapter.stop();
  await gateway?.close();
  await rest?.close();
});

function makeAdapter(handler = new RecordingHandler()): DiscordAdapter {
  const adapter = createDiscordAdapter(
    { token: 'fake-token', applicationId: APP_ID, apiUrl: rest!.apiUrl, devGuildId: GUILD_ID },
    new RecordingLogger(),
    { restRetries: 0 },
  );
  adapter.initialize(inboundFor(handler));
  adapters.push(adapter);
  return adapter;
}

it('logs in through the gateway with the smallest intents, registers its commands on the dev guild, and answers a command', async () => {
  rest = await FakeDiscordRest.start();
  gateway = await FakeDiscordGateway.start();
  rest.gatewayUrl = gateway.url;
  const handler = new RecordingHandler();
  const adapter = makeAdapter(handler);

  await adapter.start();

  expect(adapter.client.isReady()).toBe(true);
  const identify = gateway.identifies[0] as { token: string; intents: number };
  expect(identify.token).toBe('fake-token');
  expect(identify.intents).toBe(
    GatewayIntentBits.Guilds |
      GatewayIntentBits.GuildMessages |
      GatewayIntentBits.GuildMessageReactions |
      GatewayIntentBits.DirectMessages,
  );
  expect(identify.intents & GatewayIntentBits.MessageContent).toBe(0);

  const route = `/applications/${APP_ID}/guilds/${GUILD_ID}/commands`;
  const puts = rest.callsTo('PUT', new RegExp(`^${route}$`));
  expect(puts).toHaveLength(1);
  expect((puts[0]?.body as { name: string }[]).map((c) => c.name)).toEqual(COMMAND_DEFINITIONS.map((c) => c.name));

  gateway.dispatch(command('applied', [opt.string('company', 'Acme'), opt.string('role', 'SRE')]));
  const callback = await rest.waitForCall('POST', /\/callback$/);
  expect(callback.body).toMatchObject({ type: 4, data: { flags: 64 } });
  expect(handler.last()).toMatchObject({
    kind: 'command',
    command: 'applied',
    values: { company: 'Acme', role: 'SRE' },
    source: { workspaceId: GUILD_ID },
  });
});

it('does not register again at start-up when the registered commands are already the same', async () => {
  rest = await FakeDiscordRest.start();
  gateway = await FakeDiscordGateway.start();
  rest.gatewayUrl = gateway.url;
  const first = makeAdapter();
  await first.start();
  await first.stop();

  const second = makeAdapter();
  await second.start();

  expect(rest.callsTo('GET', /\/commands$/)).toHaveLength(2);
  expect(rest.callsTo('PUT', /\/commands$/)).toHaveLength(1);
});

it('a token Discord refuses at login stops start-up with a DiscordTokenRejectedError instead of hanging', async () => {
  rest = await FakeDiscordRest.start();
  rest.failNext('GET', /^\/gateway\/bot$/, { status: 401, body: { message: '401: Unauthorized', code: 0 } });
  const adapter = makeAdapter();
  await expect(adapter.start()).rejects.toThrow(DiscordTokenRejectedError);
});

it('a token refused by the command check stops start-up there, without a warning or a login attempt', async () => {
  rest = await FakeDiscordRest.start();
  rest.acceptedToken = 'another-token';
  const logger = new RecordingLogger();
  const adapter = createDiscordAdapter(
    { token: 'fake-token', applicationId: APP_ID, apiUrl: rest.apiUrl, devGuildId: GUILD_ID },
    logger,
    { restRetries: 0 },
  );
  adapter.initialize(inboundFor(new RecordingHandler()));
  adapters.push(adapter);
  await expect(adapter.start()).rejects.toThrow(DiscordTokenRejectedError);
  expect(rest.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
    `GET /applications/${APP_ID}/guilds/${GUILD_ID}/commands`,
  ]);
  expect(logger.lines.filter((line) => line.level !== 'info')).toEqual([]);
});

it('a failed command check at start-up is logged and the bot still comes online', async () => {
  rest = await FakeDiscordRest.start();
  gateway = await FakeDiscordGateway.start();
  rest.gatewayUrl = gateway.url;
  rest.failNext('GET', /\/commands$/, { status: 503, body: { message: 'Service Unavailable', code: 0 } });
  const logger = new RecordingLogger();
  const adapter = createDiscordAdapter(
    { token: 'fake-token', applicationId: APP_ID, apiUrl: rest.apiUrl, devGuildId: GUILD_ID },
    logger,
    { restRetries: 0 },
  );
  adapter.initialize(inboundFor(new RecordingHandler()));
  adapters.push(adapter);
  await adapter.start();
  expect(adapter.client.isReady()).toBe(true);
  expect(logger.lines).toContainEqual(
    expect.objectContaining({ level: 'warn', message: 'could not check or register discord commands' }),
  );
  expect(rest.callsTo('PUT', /\/commands$/)).toHaveLength(0);
});

it('refuses to start before it has been initialised with the core, and to be initialised twice', async () => {
  const adapter = createDiscordAdapter(
    { token: 'fake-token', applicationId: APP_ID, apiUrl: 'http://127.0.0.1:9/api', devGuildId: GUILD_ID },
    new RecordingLogger(),
    { registerCommands: false },
  );
  adapters.push(adapter);
  await expect(adapter.start()).rejects.toThrow(/initialize/);
  adapter.initialize(inboundFor(new RecordingHandler()));
  expect(() => adapter.initialize(inboundFor(new RecordingHandler()))).toThrow(/already initialized/);
});
