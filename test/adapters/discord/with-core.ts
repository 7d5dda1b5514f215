/**
 * The Discord harness with the real core on an in-memory SQLite store, for end-to-end tests.
 */
import type { ManualClock } from '../../../src/core/clock.ts';
import type { Rebound } from '../../../src/core/create-rebound.ts';
import type { Store } from '../../../src/core/ports/index.ts';
import { command, MEMBER_PERMISSIONS, opt, type DispatchPacket } from '../../fakes/discord-packets.ts';
import { createTestCore, type TestCore } from '../../helpers/world.ts';
import { startHarness, type Harness } from './harness.ts';

export interface MessageBody {
  content: string;
  flags?: number;
  components?: { components: { custom_id: string; label: string }[] }[];
  allowed_mentions?: { parse: string[]; users: string[] };
}

export interface Callback {
  type: number;
  data: MessageBody & { custom_id?: string; title?: string; components?: unknown[] };
}

export const MANAGER_PERMISSIONS = String(BigInt(MEMBER_PERMISSIONS) | 16n);

export interface WithCore {
  readonly h: Harness<Rebound>;
  readonly store: Store;
  readonly clock: ManualClock;
  readonly rebound: Rebound;
  /** Every wait the core asked for between retries, in milliseconds. */
  readonly waits: number[];
  /** Feeds an interaction and resolves with the callback Discord got for it. */
  interact(packet: DispatchPacket): Promise<Callback>;
  /** Makes the group channel a group (check-ins 09:00 UTC, Monday to Friday), as someone with Manage Channels. */
  setUpGroup(): Promise<void>;
  close(): Promise<void>;
}

/** Starts on Monday 23 November 2026, 09:00 UTC unless told otherwise. */
export async function startWithCore(start = new Date('2026-11-23T09:00:00Z')): Promise<WithCore> {
  // The core is built on the adapter's chat port, then handed to the adapter.
  const built: TestCore[] = [];
  const h = await startHarness({
    handler: (chat, logger) => {
      const core = createTestCore({ chat, logger, start });
      built.push(core);
      return {
        handler: core.rebound,
        ledger: core.store.inbound,
        clock: core.clock,
        workspaces: core.rebound.workspaces,
      };
    },
  });
  const [core] = built;
  if (!core) throw new Error('the adapter did not build the core');
  const { store, clock, rebound, waits, database } = core;

  const interact = async (packet: DispatchPacket): Promise<Callback> => {
    const { id, token } = packet.d as { id: string; token: string };
    h.feed(packet);
    const call = await h.rest.waitFor((c) => c.path === `/interactions/${id}/${token}/callback`);
    return call.body as Callback;
  };

  return {
    h,
    store,
    clock,
    rebound,
    waits,
    interact,
    async setUpGroup() {
      const setup = opt.sub('setup', [
        opt.string('time', '09:00'),
        opt.string('timezone', 'UTC'),
        opt.string('days', 'mon-fri'),
      ]);
      const answer = await interact(command('rebound', [setup], { permissions: MANAGER_PERMISSIONS }));
      if (answer.data.flags !== 64) throw new Error('setup was not answered privately');
    },
    async close() {
      await h.close();
      database.close();
    },
  };
}
