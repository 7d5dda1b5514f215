/**
 * Start-up failures that are the settings' fault, seen through the production entry point: each
 * stops Rebound with exit code 1 and one line naming the setting, never a library's message or a
 * stack trace.
 */
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscordRest } from './fakes/discord-rest.ts';
import { runBuiltEntryPoint, type EntryPointRun } from './helpers/entry-point.ts';

const held: Server[] = [];
let discord: FakeDiscordRest | null = null;
afterEach(async () => {
  for (const server of held.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
  await discord?.close();
  discord = null;
});

/** A port another process is listening on, on every interface as Rebound would. */
async function takenPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, () => resolve()));
  held.push(server);
  return (server.address() as { port: number }).port;
}

function expectOneLine(run: EntryPointRun, line: string): void {
  expect(run.err).toBe(`rebound: ${line}\n`);
  expect(run.code).toBe(1);
  expect(`${run.out}${run.err}`).not.toMatch(/\n\s+at |EADDRINUSE|Error:/);
}

describe('start-up stops with one line naming the setting', () => {
  it('when PORT is already in use by Slack over HTTP', async () => {
    const port = await takenPort();
    const run = await runBuiltEntryPoint({
      REBOUND_DB: ':memory:',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: 'test-signing-secret',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      PORT: String(port),
    });
    expectOneLine(run, `PORT: ${port} is already in use`);
  });

  it('when PORT is already in use by Slack in Socket Mode (its health endpoint)', async () => {
    const port = await takenPort();
    const run = await runBuiltEntryPoint({
      REBOUND_DB: ':memory:',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_APP_TOKEN: 'xapp-test',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      PORT: String(port),
    });
    expectOneLine(run, `PORT: ${port} is already in use`);
  });

  it('when PORT is already in use by the health endpoint of a Discord-only run, before logging in', async () => {
    const port = await takenPort();
    const run = await runBuiltEntryPoint({
      REBOUND_DB: ':memory:',
      DISCORD_TOKEN: 'fake-token',
      DISCORD_APPLICATION_ID: '1100000000000000000',
      DISCORD_API_URL: 'http://127.0.0.1:9/api',
      PORT: String(port),
    });
    expectOneLine(run, `PORT: ${port} is already in use`);
  });

  it('when Discord rejects DISCORD_TOKEN', async () => {
    discord = await FakeDiscordRest.start();
    discord.acceptedToken = 'the-real-token';
    const run = await runBuiltEntryPoint({
      REBOUND_DB: ':memory:',
      DISCORD_TOKEN: 'a-revoked-token',
      DISCORD_APPLICATION_ID: '1100000000000000000',
      DISCORD_API_URL: discord.apiUrl,
      PORT: '0',
    });
    expectOneLine(run, 'DISCORD_TOKEN: Discord rejected the token');
    expect(discord.calls.map((call) => call.answer.status)).toEqual([401]);
  });
});
