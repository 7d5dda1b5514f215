import { afterEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../src/core/messages.ts';
import type { SendOptions, SentMessage, UserTarget } from '../../../src/core/ports/index.ts';
import { DeliveryQueue } from '../../../src/core/sweep/delivery-queue.ts';
import { NUDGE_PAGE_MEMBERS } from '../../../src/core/sweep/send-due-nudges.ts';
import { RecordingChat } from '../../fakes/recording-chat.ts';
import { createGroupWorld, isNudge, type GroupWorld } from '../../helpers/world.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('the delivery queue', () => {
  it('runs jobs many at once within each lane’s limit and the total, taking lanes in turn', async () => {
    const queue = new DeliveryQueue({ perLane: 2, total: 3 }, (e) => {
      throw e;
    });
    const started: string[] = [];
    const gates = new Map<string, () => void>();
    const job = (name: string) => ({
      keys: [name],
      run: () => {
        started.push(name);
        const g = gate();
        gates.set(name, g.open);
        return g.promise;
      },
      release: async () => {},
    });
    for (const n of ['a1', 'a2', 'a3', 'a4']) queue.push('A', job(n));
    for (const n of ['b1', 'b2']) queue.push('B', job(n));
    expect(started).toEqual(['a1', 'a2', 'b1']);
    expect({ running: queue.running, waiting: queue.waiting }).toEqual({ running: 3, waiting: 3 });
    gates.get('a1')?.();
    await tick();
    // A is at its own limit again only after a2 ends; the freed place goes to the next in turn.
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3']);
    gates.get('b1')?.();
    await tick();
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3', 'b2']);
    for (const name of ['a2', 'a3', 'b2']) gates.get(name)?.();
    await tick();
    gates.get('a4')?.();
    await queue.idle();
    expect(started).toHaveLength(6);
  });

  it('on stop, releases what waits, starts nothing more, and says what was still running at the deadline', async () => {
    const queue = new DeliveryQueue({ perLane: 1, total: 1 }, (e) => {
      throw e;
    });
    const released: string[] = [];
    const hung = gate();
    queue.push('A', { keys: [], run: () => hung.promise, release: async () => void released.push('first') });
    queue.push('A', { keys: [], run: async () => {}, release: async () => void released.push('second') });
    const deadline = gate();
    const stopping = queue.stop(deadline.promise);
    await tick();
    expect(released).toEqual(['second']);
    queue.push('A', { keys: [], run: async () => {}, release: async () => void released.push('late') });
    deadline.open();
    expect(await stopping).toEqual({ released: 1, unfinished: 1 });
    await tick();
    expect(released).toEqual(['second', 'late']);
    hung.open();
  });

  it('holds a key in one job at a time: a second job with a key still held is released, not run', async () => {
    const queue = new DeliveryQueue({ perLane: 2, total: 2 }, (e) => {
      throw e;
    });
    const ran: string[] = [];
    const released: string[] = [];
    const first = gate();
    const job = (name: string, keys: string[], run: () => Promise<void> = async () => {}) => ({
      keys,
      run: () => (ran.push(name), run()),
      release: async () => void released.push(name),
    });
    queue.push(
      'A',
      job('first', ['k1', 'k2'], () => first.promise),
    );
    queue.push('A', job('again', ['k2', 'k3']));
    queue.push('A', job('other', ['k3']));
    await tick();
    expect({ ran, released }).toEqual({ ran: ['first', 'other'], released: ['again'] });
    first.open();
    await queue.idle();
    // Once a job is done its keys are free for the next claim.
    queue.push('A', job('later', ['k1']));
    await queue.idle();
    expect(ran).toEqual(['first', 'other', 'later']);
  });
});

/** DMs to one user wait (as a send does while its bucket is paused) until told to go on. */
class HeldChat extends RecordingChat {
  readonly held = new Map<string, { promise: Promise<void>; open: () => void }>();
  override async sendDirect(target: UserTarget, message: Message, options?: SendOptions): Promise<SentMessage> {
    await this.held.get(target.userId)?.promise;
    return super.sendDirect(target, message, options);
  }
}

describe('queued delivery', () => {
  let h: GroupWorld;
  afterEach(() => h?.close());

  it('does not hold other members back while one member’s send waits', async () => {
    const chat = new HeldChat();
    h = await createGroupWorld({
      zone: 'UTC',
      chat,
      members: [{ userId: 'alice' }, { userId: 'bob' }, { userId: 'cyd' }],
    });
    for (const who of ['alice', 'bob', 'cyd']) await h.command(who, 'rejected', `Acme ${who} | SRE | final`);
    const held = gate();
    chat.held.set('alice', held);
    const steps = await h.store.followUps.listDue(new Date('2027-01-01T00:00:00Z'), 100);
    h.clock.set(new Date(Math.min(...steps.map((s) => s.dueAt.getTime()))));
    const sweep = h.rebound.sweep();
    // Bob's and cyd's sends run beside alice's held one; each arrives in its own time.
    const nudged = (who: string) => chat.dmsTo(who).filter((d) => isNudge(d.text)).length;
    while (nudged('bob') === 0 || nudged('cyd') === 0) await tick();
    expect([nudged('bob'), nudged('cyd')]).toEqual([1, 1]);
    expect(chat.dmsTo('alice')).toHaveLength(0);
    held.open();
    await sweep;
    expect(chat.dmsTo('alice').filter((d) => isNudge(d.text))).toHaveLength(1);
  });

  it('claims due nudges in pages as the queue drains, and sends each member one', async () => {
    const members = Array.from({ length: 2 * NUDGE_PAGE_MEMBERS + 50 }, (_, i) => ({ userId: `u${i}` }));
    const chat = new RecordingChat();
    h = await createGroupWorld({ zone: 'UTC', chat, members });
    const at = new Date('2026-11-26T10:00:00Z');
    await h.store.followUps.createMany(
      await Promise.all(
        members.map(async (m) => ({
          workspace: { platform: 'slack' as const, workspaceId: 'T1' },
          memberId: await h.memberId(m.userId),
          applicationId: null,
          ruleId: 'network',
          dueAt: at,
          occurrence: 1,
        })),
      ),
      h.clock.now(),
    );
    let mostClaimed = 0;
    const store = h.store;
    const send = chat.sendDirect.bind(chat);
    chat.sendDirect = async (target, message, options) => {
      const claimed = await store.deliveries.listStaleClaims(new Date('2100-01-01T00:00:00Z'), 10_000);
      mostClaimed = Math.max(mostClaimed, claimed.length);
      return send(target, message, options);
    };
    h.clock.set(at);
    await h.rebound.sweep();
    for (const m of members) expect(chat.dmsTo(m.userId).filter((d) => isNudge(d.text))).toHaveLength(1);
    // Never the whole due set at once: at most the page being sent and the next one.
    expect(mostClaimed).toBeGreaterThan(0);
    expect(mostClaimed).toBeLessThanOrEqual(2 * NUDGE_PAGE_MEMBERS);
  });

  it('keeps the DM channel the platform answered with, and sends the next DM there', async () => {
    const chat = new RecordingChat();
    h = await createGroupWorld({ zone: 'UTC', chat });
    await h.command('alice', 'rejected', 'Acme | SRE | final');
    const targets: (string | null | undefined)[] = [];
    const send = chat.sendDirect.bind(chat);
    chat.sendDirect = (target, message, options) => {
      targets.push(target.dmChannelId);
      return send(target, message, options);
    };
    const steps = await h.store.followUps.listByMember(await h.memberId('alice'), ['pending']);
    for (const step of steps.slice(0, 2)) {
      h.clock.set(step.dueAt);
      await h.rebound.sweep();
    }
    expect(targets.slice(0, 2)).toEqual([null, 'D-alice']);
    expect((await h.store.members.get(await h.memberId('alice')))?.dmChannelId).toBe('D-alice');
  });

  it('marks scheduled sends as background and a command’s group post as somebody waiting', async () => {
    const chat = new RecordingChat();
    h = await createGroupWorld({ zone: 'UTC', chat });
    const background: (boolean | undefined)[] = [];
    const post = chat.postToChannel.bind(chat);
    chat.postToChannel = (target, message, options) => {
      background.push(options?.background);
      return post(target, message, options);
    };
    const send = chat.sendDirect.bind(chat);
    chat.sendDirect = (target, message, options) => {
      background.push(options?.background);
      return send(target, message, options);
    };
    await h.command('alice', 'applied', 'Acme | SRE');
    expect(background).toEqual([undefined]);
    await h.command('alice', 'rejected', 'Acme | SRE | final');
    const [step] = await h.store.followUps.listByMember(await h.memberId('alice'), ['pending']);
    h.clock.set(step?.dueAt ?? new Date());
    await h.rebound.sweep();
    expect(background.slice(2)).toEqual([true]);
  });
});
