import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/index.ts';
import { privateText } from '../../../src/core/messages.ts';
import { RecordingHandler } from '../../fakes/recording-handler.ts';
import { RecordingLogger } from '../../fakes/recording-logger.ts';
import { inboundFor } from '../../helpers/core-inbound.ts';
import { FakeSlackWebApi } from '../../fakes/slack-web-api.ts';

/** The slash-command envelope exactly as Slack's Socket Mode docs show it, pointed at our fake. */
function slashCommandEnvelope(responseUrl: string): object {
  return {
    payload: {
      token: 'bHKJ2n9AW6Ju3MjciOHfbA1b',
      team_id: 'T123ABC456',
      team_domain: 'maria',
      channel_id: 'C123ABC456',
      channel_name: 'general',
      user_id: 'U123ABC456',
      user_name: 'rainer',
      command: '/applied',
      text: 'Acme | SRE',
      response_url: responseUrl,
      trigger_id: '37053613634.26768298162.440952c06ef4de2653466a48fe495f93',
    },
    envelope_id: 'dbdd0ef3-1543-4f94-bfb4-133d0e6c1545',
    type: 'slash_commands',
    accepts_response_payload: true,
  };
}

let api: FakeSlackWebApi;
let wss: WebSocketServer;
let adapter: SlackAdapter | null = null;

beforeEach(async () => {
  api = await new FakeSlackWebApi().start();
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  api.answer('apps.connections.open', { ok: true, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/` });
});
afterEach(async () => {
  await adapter?.stop();
  adapter = null;
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await api.stop();
});

function nextMessage(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve) => socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')))));
}

/** Starts the adapter in Socket Mode against the fake and returns the socket it opened. */
async function connect(handler: RecordingHandler): Promise<{ socket: WebSocket; port: number }> {
  const connected = new Promise<WebSocket>((resolve) => wss.once('connection', resolve));
  adapter = createSlackAdapter(
    { botToken: 'xoxb-test', appToken: 'xapp-test', apiUrl: api.apiUrl, port: 0, botId: 'BBOT', botUserId: 'UBOT' },
    new RecordingLogger(),
  );
  adapter.initialize(inboundFor(handler));
  const started = adapter.start();
  const socket = await connected;
  socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' } }));
  const { port } = await started;
  return { socket, port };
}

describe('Slack Socket Mode', () => {
  it('connects with the app token, serves /healthz on its port, acknowledges a slash command envelope and hands the command to the core', async () => {
    const handler = new RecordingHandler({ type: 'none' });
    const { socket, port } = await connect(handler);
    expect(api.callsTo('apps.connections.open')).toHaveLength(1);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { ok: true }]);

    const ack = nextMessage(socket);
    socket.send(JSON.stringify(slashCommandEnvelope(api.responseUrl('socket'))));
    expect(await ack).toMatchObject({ envelope_id: 'dbdd0ef3-1543-4f94-bfb4-133d0e6c1545' });
    await handler.received(1);
    expect(handler.events[0]).toMatchObject({
      kind: 'command',
      command: 'applied',
      values: { company: 'Acme', role: 'SRE' },
      source: { workspaceId: 'T123ABC456' },
    });
  });

  it('carries a quick private answer in the envelope’s acknowledgement, and the response_url receives nothing', async () => {
    const { socket } = await connect(new RecordingHandler(privateText('Logged: SRE at Acme.')));
    const ack = nextMessage(socket);
    socket.send(JSON.stringify(slashCommandEnvelope(api.responseUrl('socket'))));
    expect(await ack).toMatchObject({
      envelope_id: 'dbdd0ef3-1543-4f94-bfb4-133d0e6c1545',
      payload: { response_type: 'ephemeral', text: 'Logged: SRE at Acme.' },
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(api.callsTo('response_url')).toEqual([]);
  });
});
