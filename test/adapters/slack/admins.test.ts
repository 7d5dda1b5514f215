/** Admins by user id, through the real Slack endpoint: what `/rebound config admin` stores is a person. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSlackWithCore, texts, WORKSPACE, type SlackWithCore } from './with-core.ts';

let h: SlackWithCore;
beforeEach(async () => {
  h = await startSlackWithCore();
  await h.command('U2', '/rebound', 'join');
  h.rig.api.reset();
});
afterEach(async () => h.stop());

const group = async () => await h.store.groups.findByChannel(WORKSPACE, 'C1');

/** Sends a command and returns the private answer its acknowledgement carried, as text. */
async function answer(userId: string, text: string): Promise<string> {
  return texts(h.answer(await h.command(userId, '/rebound', text)));
}

describe('/rebound config admin on Slack', () => {
  it('adds bob by the id in the escaped mention, and bob can then change a setting', async () => {
    expect(await answer('U2', 'config connect off')).toContain("Only the group's admins");
    expect((await group())?.ruleSettings['connect']).toBeUndefined();

    expect(await answer('U1', 'config admin add <@U2|bob>')).toContain('Admins: alice, bob');
    expect((await group())?.adminUserIds).toEqual(['U1', 'U2']);

    expect(await answer('U2', 'config connect off')).toContain('Saved.');
    expect((await group())?.ruleSettings['connect']).toMatchObject({ enabled: false });
  });

  it('lists the admins by display name', async () => {
    expect(await answer('U1', 'config')).toContain('Admins: alice.');
  });

  it.each([
    ['@everyone', '<!everyone>'],
    ['@here', '<!here|here>'],
    ['a user group', '<!subteam^S123|@team>'],
    ['a channel', '<#C9|jobs>'],
  ])('refuses %s as an admin, and stores nothing', async (_what, text) => {
    expect(await answer('U1', `config admin add ${text}`)).toContain('Name one person here');
    expect((await group())?.adminUserIds).toEqual(['U1']);
  });

  it('refuses a name that is not a mention (the string "bob" is nobody)', async () => {
    expect(await answer('U1', 'config admin add bob')).toContain('Name a person with @');
    expect((await group())?.adminUserIds).toEqual(['U1']);
  });

  it('removes an admin, but the last admin cannot remove themselves', async () => {
    expect(await answer('U1', 'config admin remove <@U1>')).toContain('last admin');
    expect((await group())?.adminUserIds).toEqual(['U1']);
    await h.command('U1', '/rebound', 'config admin add <@U2>');
    await h.command('U2', '/rebound', 'config admin remove <@U1|alice>');
    expect((await group())?.adminUserIds).toEqual(['U2']);
  });

  it('does not let a member who is not an admin name admins', async () => {
    expect(await answer('U2', 'config admin add <@U2>')).toContain("Only the group's admins");
    expect((await group())?.adminUserIds).toEqual(['U1']);
  });
});
