import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/messages.ts';
import { createWorld, buttonsOf, replyText, type World } from '../helpers/world.ts';

const count = (h: World, table: string): number =>
  (h.database.sqlite.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
/** The bot's posts about entries (the group's welcome post is one too, but about no entry). */
const ENTRY_POSTS = "posts where subject in ('application', 'rejection', 'update')";
const groupPosts = (h: World) => h.chat.sent.filter((s) => s.kind === 'channel' && s.to === 'C1');
const undoOf = (reply: Reply): string => {
  const id = buttonsOf(reply).find((b) => b.startsWith('undo:'));
  if (!id) throw new Error(`no Undo button on: ${replyText(reply)}`);
  return id;
};

describe('Undo on a logging reply', () => {
  let h: World;
  beforeEach(async () => {
    h = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await h.command('alice', 'rebound', 'setup 09:00 Europe/Berlin mon-fri');
    await h.command('alice', 'rebound', 'join');
    await h.command('bob', 'rebound', 'join');
    h.chat.clear();
  });
  afterEach(() => h.close());

  async function react(user: string, messageId: string, emoji: string): Promise<void> {
    await h.rebound.handle({ kind: 'reaction', source: h.source(user), added: true, messageId, emoji });
  }

  it('removes the rejection, its plan, its group post and the reactions on it, and no step of that plan is ever nudged', async () => {
    const reply = await h.command('alice', 'rejected', 'Acme | Backend Engineer | interview');
    const [post] = groupPosts(h);
    if (!post) throw new Error('no group post');
    await react('bob', post.sent.messageId, 'heart');
    expect(count(h, 'reactions')).toBe(1);
    expect(count(h, 'follow_ups')).toBeGreaterThan(0);

    h.clock.set(new Date('2026-11-25T12:05:00Z'));
    const undone = await h.click('alice', undoOf(reply));
    expect(undone.type).toBe('replace');
    expect(replyText(undone)).toMatch(
      /^Undone: your rejection from Acme is removed, with its plan \(\d+ steps\) and its group post\./,
    );
    expect(count(h, 'rejections')).toBe(0);
    expect(count(h, 'applications')).toBe(0);
    expect(count(h, 'follow_ups')).toBe(0);
    expect(count(h, ENTRY_POSTS)).toBe(0);
    expect(count(h, 'reactions')).toBe(0);
    expect(h.chat.sent.filter((s) => s.kind === 'delete').map((s) => s.sent)).toEqual([post.sent]);

    // A rejection kept alongside shows that nudges do go out: only the undone plan's never do.
    await h.command('alice', 'rejected', 'Globex | Backend Engineer | interview');
    await h.advanceTo(new Date('2027-03-01T12:00:00Z'));
    expect(h.chat.dmsTo('alice').filter((d) => /Globex/.test(d.text)).length).toBeGreaterThan(0);
    expect(h.chat.dmsTo('alice').filter((d) => /Acme/.test(d.text))).toEqual([]);
  });

  it('edits the post to say it was withdrawn where the platform refuses to delete it', async () => {
    const reply = await h.command('alice', 'update', 'Booked a coffee chat with a Globex engineer');
    const [post] = groupPosts(h);
    const { DeliveryError } = await import('../../src/core/errors.ts');
    h.chat.failNext(DeliveryError.permanent('cant_delete_message'), 'delete');
    const undone = await h.click('alice', undoOf(reply));
    expect(replyText(undone)).toMatch(/^Undone: your update is removed, with its group post\./);
    const edits = h.chat.sent.filter((s) => s.kind === 'update');
    expect(edits.map((e) => [e.sent, e.text])).toEqual([[post?.sent, '(withdrawn by the member)']]);
    expect(count(h, 'updates')).toBe(0);
  });

  it('pressing Undo twice says the entry is already undone', async () => {
    const reply = await h.command('alice', 'applied', 'Acme | SRE');
    await h.click('alice', undoOf(reply));
    const twice = await h.click('alice', undoOf(reply));
    expect(twice.type).toBe('private');
    expect(replyText(twice)).toMatch(/already undone/);
    expect(h.chat.sent.filter((s) => s.kind === 'delete')).toHaveLength(1);
  });

  it('Undo after 24 hours says the entry stays, and removes nothing', async () => {
    const reply = await h.command('alice', 'rejected', 'Acme | SRE');
    const steps = count(h, 'follow_ups');
    h.clock.set(new Date('2026-11-26T12:00:01Z'));
    const late = await h.click('alice', undoOf(reply));
    expect(replyText(late)).toMatch(
      /Undo works for 24 hours after logging, and your rejection from Acme was logged longer ago/,
    );
    expect(count(h, 'rejections')).toBe(1);
    expect(count(h, 'follow_ups')).toBe(steps);
    expect(count(h, ENTRY_POSTS)).toBe(1);
    expect(h.chat.sent.filter((s) => s.kind === 'delete')).toEqual([]);
  });

  it('Undo by another member is refused and removes nothing', async () => {
    const reply = await h.command('alice', 'applied', 'Acme | SRE');
    const refused = await h.click('bob', undoOf(reply));
    expect(replyText(refused)).toMatch(/belongs to someone else/);
    expect(count(h, 'applications')).toBe(1);
    expect(count(h, ENTRY_POSTS)).toBe(1);
  });

  it('undoing a rejection of an application logged earlier puts that application back as it was', async () => {
    await h.command('alice', 'applied', 'Acme | SRE');
    const reply = await h.command('alice', 'rejected', 'Acme | SRE | screen');
    await h.click('alice', undoOf(reply));
    const member = await h.store.members.find(1, 'alice');
    expect((await h.store.applications.listByMember(member?.id ?? 0)).map((a) => [a.company, a.status])).toEqual([
      ['Acme', 'applied'],
    ]);
    expect(count(h, 'rejections')).toBe(0);
    expect(count(h, 'follow_ups')).toBe(0);
    expect(count(h, ENTRY_POSTS)).toBe(1);
  });

  it('undoing an application with a rejection logged on it since asks to undo the rejection first', async () => {
    const applied = await h.command('alice', 'applied', 'Acme | SRE');
    await h.command('alice', 'rejected', 'Acme | SRE');
    const blocked = await h.click('alice', undoOf(applied));
    expect(replyText(blocked)).toMatch(/A rejection is logged on your application to Acme since: undo that first\./);
    expect(count(h, 'applications')).toBe(1);
    expect(count(h, 'rejections')).toBe(1);
  });

  it('after Undo, logging the same entry again is not asked about', async () => {
    const first = await h.command('alice', 'rejected', 'Acme | SRE');
    await h.click('alice', undoOf(first));
    const again = await h.command('alice', 'rejected', 'Acme | SRE');
    expect(replyText(again)).toMatch(/I'm sorry about Acme/);
    expect(count(h, 'rejections')).toBe(1);
  });

  it('undoing an application reopens the "line up your next application" step it ticked off', async () => {
    await h.command('alice', 'rejected', 'Initech | SRE');
    const open = async () =>
      (
        await h.store.followUps.listByMember((await h.store.members.find(1, 'alice'))?.id ?? 0, ['pending', 'snoozed'])
      ).filter((f) => f.ruleId === 'keep-applying').length;
    const before = await open();
    h.clock.set(new Date('2026-11-25T13:00:00Z'));
    const reply = await h.command('alice', 'applied', 'Acme | SRE');
    expect(await open()).toBe(before - 1);
    await h.click('alice', undoOf(reply));
    expect(await open()).toBe(before);
  });
});
