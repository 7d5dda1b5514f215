/** What the contract's parts share: the store under test, fixed times, and a group with a member. */
import { afterEach, beforeEach } from 'vitest';
import type { Store } from '../../../src/core/ports/index.ts';
import type { Group, Member, MessageRef, WorkspaceRef } from '../../../src/core/types.ts';

/** A store under test: the store, and closing it. */
export interface StoreUnderTest {
  readonly store: Store;
  close(): Promise<void>;
}

export const WS: WorkspaceRef = { platform: 'slack', workspaceId: 'T1' };
export const OTHER: WorkspaceRef = { platform: 'discord', workspaceId: 'T1' };
export const t0 = new Date('2026-11-25T12:00:00Z');
export const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
export const ref = (workspace: WorkspaceRef, channelId: string, messageId: string): MessageRef => ({
  workspace,
  channelId,
  messageId,
});

export interface Fixture {
  /** The store of the running test (a fresh one per test). */
  readonly store: Store;
  newGroup(ws?: WorkspaceRef, channelId?: string): Promise<Group>;
  newMember(groupId: number, userId?: string, ws?: WorkspaceRef): Promise<Member>;
}

/** Opens a fresh store before each test of the enclosing describe and closes it after. */
export function useStore(open: () => Promise<StoreUnderTest>): Fixture {
  let current: StoreUnderTest | null = null;
  beforeEach(async () => {
    current = await open();
  });
  afterEach(async () => {
    await current?.close();
    current = null;
  });
  const fixture: Fixture = {
    get store() {
      if (!current) throw new Error('no store outside a test');
      return current.store;
    },
    newGroup: (ws = WS, channelId = 'C1') =>
      fixture.store.groups.create(
        {
          workspace: ws,
          channelId,
          name: 'job-hunt',
          timezone: 'Europe/Berlin',
          checkInMinute: 540,
          checkInDays: [1, 2, 3, 4, 5],
          reminderMinute: 960,
          adminUserIds: ['U1'],
        },
        t0,
      ),
    newMember: (groupId, userId = 'U1', ws = WS) =>
      fixture.store.members.create({ groupId, workspace: ws, userId, displayName: userId, timezone: null }, t0),
  };
  return fixture;
}
