import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, replyText, type World } from '../helpers/world.ts';

describe("two workspaces never see each other's data", () => {
  let h: World;
  const t2 = { workspaceId: 'T2' };
  beforeEach(async () => {
    h = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await h.command('alice', 'rebound', 'setup');
    // The same channel and user ids in another workspace are other people and another group.
    await h.command('alice', 'rebound', 'setup', t2);
  });
  afterEach(() => h.close());

  it('keeps groups, members and applications apart even when ids collide', async () => {
    await h.command('alice', 'applied', 'Acme | SRE');
    await h.command('alice', 'applied', 'Globex | PM', t2);
    const g1 = await h.store.groups.findByChannel({ platform: 'slack', workspaceId: 'T1' }, 'C1');
    const g2 = await h.store.groups.findByChannel({ platform: 'slack', workspaceId: 'T2' }, 'C1');
    expect(g1?.id).not.toBe(g2?.id);
    const m1 = await h.store.members.find(g1?.id ?? 0, 'alice');
    const m2 = await h.store.members.find(g2?.id ?? 0, 'alice');
    expect((await h.store.applications.listByMember(m1?.id ?? 0)).map((a) => a.company)).toEqual(['Acme']);
    expect((await h.store.applications.listByMember(m2?.id ?? 0)).map((a) => a.company)).toEqual(['Globex']);
    const list = await h.command('alice', 'feedback', 'Globex | anything');
    expect(replyText(list)).toMatch(/no application to Globex/);
  });

  it('refuses a button from another workspace as if the step did not exist', async () => {
    await h.command('alice', 'rejected', 'Acme | SRE');
    const g1 = await h.store.groups.findByChannel({ platform: 'slack', workspaceId: 'T1' }, 'C1');
    const step = (
      await h.store.followUps.listByMember((await h.store.members.find(g1?.id ?? 0, 'alice'))?.id ?? 0, ['pending'])
    )[0];
    const reply = await h.click('alice', `fu:done:${step?.id}`, t2);
    expect(replyText(reply)).toMatch(/no longer exists/);
    expect((await h.store.followUps.get(step?.id ?? 0))?.status).toBe('pending');
  });

  it('ignores a reaction from another workspace on a post id that exists elsewhere', async () => {
    await h.command('alice', 'applied', 'Acme | SRE');
    const post = h.chat.sent.filter((s) => s.kind === 'channel').at(-1);
    await h.rebound.handle({
      kind: 'reaction',
      source: h.source('bob', t2),
      added: true,
      messageId: post?.sent.messageId ?? '',
      emoji: 'tada',
    });
    expect((h.database.sqlite.prepare('select count(*) n from reactions').get() as { n: number }).n).toBe(0);
  });
});

describe('peer reactions', () => {
  let h: World;
  beforeEach(async () => {
    h = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await h.command('alice', 'rebound', 'setup');
    await h.command('alice', 'applied', 'Acme | SRE');
  });
  afterEach(() => h.close());

  const reactions = () => h.database.sqlite.prepare('select reactor_user_id r, emoji from reactions').all();

  it('counts a peer reaction on a post about an entry, and forgets it when removed', async () => {
    const post = h.chat.sent.filter((s) => s.kind === 'channel').at(-1);
    await h.rebound.handle({
      kind: 'reaction',
      source: h.source('bob'),
      added: true,
      messageId: post?.sent.messageId ?? '',
      emoji: 'tada',
    });
    expect(reactions()).toEqual([{ r: 'bob', emoji: 'tada' }]);
    await h.rebound.handle({
      kind: 'reaction',
      source: h.source('bob'),
      added: false,
      messageId: post?.sent.messageId ?? '',
      emoji: 'tada',
    });
    expect(reactions()).toEqual([]);
  });

  it("does not count a reaction on a message in another channel that has the post's message id", async () => {
    // A Slack `ts` is unique only within its channel.
    const post = h.chat.sent.filter((s) => s.kind === 'channel').at(-1);
    await h.rebound.handle({
      kind: 'reaction',
      source: h.source('bob', { channelId: 'C9' }),
      added: true,
      messageId: post?.sent.messageId ?? '',
      emoji: 'tada',
    });
    expect(reactions()).toEqual([]);
  });

  it("does not count your own reaction on your own post, nor a bot's", async () => {
    const post = h.chat.sent.filter((s) => s.kind === 'channel').at(-1);
    await h.rebound.handle({
      kind: 'reaction',
      source: h.source('alice'),
      added: true,
      messageId: post?.sent.messageId ?? '',
      emoji: 'tada',
    });
    const bot = { ...h.source('B1'), actor: { userId: 'B1', displayName: 'bot', isBot: true } };
    await h.rebound.handle({
      kind: 'reaction',
      source: bot,
      added: true,
      messageId: post?.sent.messageId ?? '',
      emoji: 'tada',
    });
    expect(reactions()).toEqual([]);
  });
});

describe('group admins', () => {
  let h: World;
  beforeEach(async () => {
    h = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await h.command('alice', 'rebound', 'setup');
  });
  afterEach(() => h.close());

  it('lets only an admin change the setup on Slack, and hands an admin-less group to the next person who sets it up', async () => {
    expect(replyText(await h.command('bob', 'rebound', 'setup 10:00'))).toMatch(/Only its admins/);
    const group = await h.store.groups.findByChannel({ platform: 'slack', workspaceId: 'T1' }, 'C1');
    await h.store.groups.update(group?.id ?? 0, { adminUserIds: [] });
    expect(replyText(await h.command('bob', 'rebound', 'setup 10:00'))).toMatch(/settings updated/);
    expect((await h.store.groups.get(group?.id ?? 0))?.adminUserIds).toEqual(['bob']);
    expect((await h.store.groups.get(group?.id ?? 0))?.checkInMinute).toBe(600);
  });
});
