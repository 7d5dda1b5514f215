/**
 * Two Rebound replicas (`node dist/main.js`) on one bot token and one database: only the replica
 * holding the gateway lease connects to Discord's gateway (two connections would each receive
 * every event); when it dies, the other takes the gateway over once the lease lapses.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscordGateway } from './fakes/discord-gateway.ts';
import { FakeDiscordRest } from './fakes/discord-rest.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Replica {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  log(): string;
}

describe('the Discord gateway across replicas', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const clean of cleanups.splice(0).reverse()) await clean();
  });

  it('is held by one replica at a time, and taken over when its holder dies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebound-lease-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const gateway = await FakeDiscordGateway.start();
    cleanups.push(() => gateway.close());
    const rest = await FakeDiscordRest.start();
    rest.gatewayUrl = gateway.url;
    cleanups.push(() => rest.close());

    const start = (): Replica => {
      const child = spawn(process.execPath, ['dist/main.js'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          TZ: 'UTC',
          REBOUND_DB: join(dir, 'rebound.db'),
          DISCORD_TOKEN: 'fake-token',
          DISCORD_APPLICATION_ID: '1100000000000000000',
          DISCORD_API_URL: rest.apiUrl,
          DISCORD_GATEWAY_LEASE_SECONDS: '3',
          PORT: '0',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let log = '';
      child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
      const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
      cleanups.push(async () => {
        child.kill('SIGKILL');
        await exited;
      });
      return { child, exited, log: () => log };
    };
    const until = async (what: string, check: () => boolean, timeoutMs = 15_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(50);
      }
    };
    const ready = (r: Replica) => r.log().includes('"msg":"ready"');
    const connected = (r: Replica) => r.log().includes('discord ready');

    const first = start();
    await until('the first replica', () => ready(first) && connected(first));
    const second = start();
    await until('the second replica', () => ready(second));
    // Longer than the lease: the holder renews it, so the second never connects.
    await sleep(4000);
    expect(gateway.identifies).toHaveLength(1);
    expect(connected(second)).toBe(false);

    first.child.kill('SIGKILL');
    await first.exited;
    await until('the second replica to take the gateway over', () => connected(second), 10_000);
    expect(gateway.identifies).toHaveLength(2);
  }, 40_000);
});
