/**
 * A workspace that removes the bot (Slack's app_uninstalled or tokens_revoked, reported through
 * `rebound.workspaces.removed`): nothing more is sent there from that moment, what was waiting to
 * go out is released rather than failed, a reinstall within the grace period brings everything
 * back, and after the period the workspace's data is deleted while other workspaces keep theirs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/core/errors.ts';
import { createGroupWorld, isNudge, type GroupWorld } from '../helpers/world.ts';

const T1 = { platform: 'slack', workspaceId: 'T1' } as const;
const T2 = { workspaceId: 'T2' };
const DAY = 24 * 60 * 60_000;

let h: GroupWorld;
afterEach(() => h?.close());

/** Alice in T1 has steps planned after a rejection; carol has a group of her own in T2. */
async function twoWorkspaces(): Promise<void> {
  h = await createGroupWorld({ start: new Date('2026-11-25T12:00:00Z'), zone: 'Europe/Berlin' });
  await h.command('alice', 'rejected', 'Acme | SRE | final');
  await h.run({ userId: 'carol', timezone: 'Europe/Berlin' }, '/rebound setup 09:00 Europe/Berlin mon-fri', T2);
  await h.command('carol', 'rebound', 'join', T2);
  h.chat.clear();
}

const sentTo = (workspaceId: string) => h.chat.sent.filter((s) => s.workspace.workspaceId === workspaceId);

describe('a workspace that removed the bot', () => {
  it('gets nothing from that moment (no nudge, check-in, reminder or digest) while other workspaces go on', async () => {
    await twoWorkspaces();
    await h.rebound.workspaces.removed(T1);
    await h.advance(8 * DAY);
    expect(sentTo('T1')).toEqual([]);
    // The other workspace's check-ins went on every weekday.
    expect(sentTo('T2').filter((s) => s.kind === 'thread-starter').length).toBeGreaterThanOrEqual(5);
    expect(h.logs.lines.some((r) => r.message.includes('bot removed from the workspace'))).toBe(true);
  });

  it('is served again after a reinstall: the steps that came due meanwhile arrive in one nudge', async () => {
    await twoWorkspaces();
    await h.rebound.workspaces.removed(T1);
    await h.advance(3 * DAY);
    expect(sentTo('T1')).toEqual([]);
    await h.rebound.workspaces.installed(T1);
    await h.rebound.sweep();
    const nudges = h.chat.dmsTo('alice').filter((d) => isNudge(d.text));
    expect(nudges).toHaveLength(1);
    // Saturday now: the next check-in is Monday's.
    await h.advance(2 * DAY);
    expect(sentTo('T1').some((s) => s.kind === 'thread-starter')).toBe(true);
  });

  it('has the send waiting for a retry released, not failed: the reinstall sends it once', async () => {
    await twoWorkspaces();
    const step = (await h.store.followUps.listByMember(await h.memberId('alice'), ['pending']))[0];
    if (!step) throw new Error('no step planned');
    h.clock.set(step.dueAt);
    h.chat.failNext(DeliveryError.transient('HTTP 500'), 'dm');
    await h.rebound.sweep();
    const key = `nudge:${step.id}:${step.dueAt.getTime()}`;
    expect(await h.store.deliveries.get(key)).toMatchObject({ status: 'retry' });

    await h.rebound.workspaces.removed(T1);
    expect(await h.store.deliveries.get(key)).toBeNull();
    await h.advance(DAY);
    expect(h.chat.dmsTo('alice')).toEqual([]);

    await h.rebound.workspaces.installed(T1);
    await h.rebound.sweep();
    expect(h.chat.dmsTo('alice').filter((d) => isNudge(d.text))).toHaveLength(1);
    expect(await h.store.deliveries.get(key)).toMatchObject({ status: 'sent' });
  });

  it('keeps its data for the grace period, then it is deleted; other workspaces keep theirs', async () => {
    await twoWorkspaces();
    const alice = await h.memberId('alice');
    await h.rebound.workspaces.removed(T1);
    await h.advance(29 * DAY);
    expect(await h.store.groups.findByChannel(T1, 'C1')).not.toBeNull();
    await h.advance(2 * DAY);
    await h.rebound.sweep();
    expect(await h.store.groups.findByChannel(T1, 'C1')).toBeNull();
    expect(await h.store.members.get(alice)).toBeNull();
    expect(await h.store.applications.listByMember(alice)).toEqual([]);
    const carolGroup = await h.store.groups.findByChannel({ platform: 'slack', workspaceId: 'T2' }, 'C1');
    expect(carolGroup).not.toBeNull();
    expect(await h.store.members.find(carolGroup?.id ?? 0, 'carol')).not.toBeNull();
    expect(h.logs.lines.some((r) => r.message.includes('deleted after the grace period'))).toBe(true);
    // The workspace can install again from nothing: a fresh group.
    await h.rebound.workspaces.installed(T1);
    await h.run({ userId: 'alice', timezone: 'Europe/Berlin' }, '/rebound setup 09:00 Europe/Berlin mon-fri');
    expect(await h.store.groups.findByChannel(T1, 'C1')).not.toBeNull();
  });

  it('keeps everything when it installs again within the grace period', async () => {
    await twoWorkspaces();
    const alice = await h.memberId('alice');
    await h.rebound.workspaces.removed(T1);
    await h.advance(20 * DAY);
    await h.rebound.workspaces.installed(T1);
    await h.advance(20 * DAY);
    expect(await h.store.members.get(alice)).not.toBeNull();
    expect((await h.store.applications.listByMember(alice)).map((a) => a.company)).toEqual(['Acme']);
  });

  it('counts the first removal only: a second notice (tokens_revoked after app_uninstalled) does not restart the period', async () => {
    await twoWorkspaces();
    await h.rebound.workspaces.removed(T1);
    await h.advance(20 * DAY);
    await h.rebound.workspaces.removed(T1);
    await h.advance(11 * DAY);
    await h.rebound.sweep();
    expect(await h.store.groups.findByChannel(T1, 'C1')).toBeNull();
  });
});
