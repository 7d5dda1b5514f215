import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGroupWorld, type GroupWorld } from '../helpers/world.ts';

describe('suggestions while a company is typed', () => {
  let h: GroupWorld;
  beforeEach(async () => {
    h = await createGroupWorld({
      zone: 'Europe/Berlin',
      start: new Date('2026-11-25T11:00:00Z'),
      members: [{ userId: 'alice' }, { userId: 'bob' }],
    });
  });
  afterEach(() => h.close());

  const suggest = async (user: string, text: string, command: 'stage' | 'applied' = 'stage', channelId = 'C1') =>
    (await h.rebound.suggest({ source: h.source(user, { channelId }), command, field: 'company', text })).map(
      (s) => s.value,
    );

  it('offers only the caller’s own companies, once each, matches first by start, newest first', async () => {
    await h.run('alice', '/applied Acme | SRE');
    await h.run('alice', '/applied Globex | SRE');
    await h.run('alice', '/applied acme | Backend Engineer');
    await h.run('alice', '/applied Bacme Ltd | QA');
    await h.run('bob', '/applied Acorn | SRE');
    expect(await suggest('alice', 'ac')).toEqual(['acme', 'Bacme Ltd']);
    expect(await suggest('alice', '')).toEqual(['Bacme Ltd', 'acme', 'Globex']);
    expect(await suggest('bob', 'ac')).toEqual(['Acorn']);
  });

  it('offers nothing for a field that suggests nothing, to a stranger, or from an unknown DM', async () => {
    await h.run('alice', '/applied Acme | SRE');
    expect(await suggest('alice', 'ac', 'applied')).toEqual([]);
    expect(await suggest('mallory', 'ac')).toEqual([]);
    // From a DM: the caller's memberships in the workspace.
    expect(await suggest('alice', 'ac', 'stage', 'D-alice')).toEqual(['Acme']);
    expect(await suggest('mallory', 'ac', 'stage', 'D-mallory')).toEqual([]);
    // Asking enrols nobody.
    expect(await h.store.members.find(h.groupId, 'mallory')).toBeNull();
  });
});
