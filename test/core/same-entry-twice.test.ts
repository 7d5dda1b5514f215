import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, buttonsOf, replyText, type World } from '../helpers/world.ts';

const count = (h: World, table: string): number =>
  (h.database.sqlite.prepare(`select count(*) n from ${table}`).get() as { n: number }).n;
const groupPosts = (h: World) => h.chat.sent.filter((s) => s.kind === 'channel' && s.to === 'C1');

describe('the same rejection or application logged twice within a day is asked about first', () => {
  let h: World;
  beforeEach(async () => {
    h = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await h.command('alice', 'rebound', 'setup 09:00 Europe/Berlin mon-fri');
    await h.command('alice', 'rebound', 'join');
    h.chat.clear();
  });
  afterEach(() => h.close());

  it('two identical /rejected lines within 24 hours give one post and one plan, and the second is asked about with a button', async () => {
    await h.command('alice', 'rejected', 'Acme | Backend Engineer | interview | internal candidate');
    const plan = count(h, 'follow_ups');
    expect(plan).toBeGreaterThan(0);
    h.clock.set(new Date('2026-11-25T12:02:00Z'));
    const second = await h.command('alice', 'rejected', 'Acme | Backend Engineer | interview | internal candidate');

    expect(second.type).toBe('private');
    expect(replyText(second)).toMatch(
      /^You logged a rejection from Acme \(Backend Engineer\) 2 minutes ago: log it again\?/,
    );
    expect(buttonsOf(second)).toEqual([expect.stringMatching(/^again:log:/), expect.stringMatching(/^again:drop:/)]);
    expect(count(h, 'rejections')).toBe(1);
    expect(count(h, 'applications')).toBe(1);
    expect(count(h, 'follow_ups')).toBe(plan);
    expect(groupPosts(h)).toHaveLength(1);
  });

  it('pressing "Log it again" logs the second rejection after all, with its own post and plan', async () => {
    await h.command('alice', 'rejected', 'Acme | Backend Engineer | interview');
    const plan = count(h, 'follow_ups');
    h.clock.set(new Date('2026-11-25T13:00:00Z'));
    const question = await h.command('alice', 'rejected', 'Acme | Backend Engineer | final | they called back');
    const [logAgain] = buttonsOf(question);

    const logged = await h.click('alice', logAgain ?? '');
    expect(logged.type).toBe('replace');
    expect(replyText(logged)).toMatch(/I'm sorry about Acme/);
    expect(buttonsOf(logged)).toEqual([expect.stringMatching(/^undo:r:/)]);
    const rejections = await h.store.rejections.listByMember((await h.store.members.find(1, 'alice'))?.id ?? 0);
    expect(rejections.map((r) => [r.stage, r.note])).toEqual([
      ['interview', null],
      ['final', 'they called back'],
    ]);
    expect(count(h, 'follow_ups')).toBe(2 * plan);
    expect(groupPosts(h)).toHaveLength(2);

    // The question is answered: pressing again logs nothing more.
    const again = await h.click('alice', logAgain ?? '');
    expect(replyText(again)).toMatch(/already answered/);
    expect(count(h, 'rejections')).toBe(2);
  });

  it('the same rejection more than 24 hours later is logged without asking', async () => {
    await h.command('alice', 'rejected', 'Acme | Backend Engineer');
    h.clock.set(new Date('2026-11-26T12:01:00Z'));
    const second = await h.command('alice', 'rejected', 'Acme | Backend Engineer');
    expect(replyText(second)).toMatch(/I'm sorry about Acme/);
    expect(count(h, 'rejections')).toBe(2);
    expect(groupPosts(h)).toHaveLength(2);
  });

  it('the same application twice within a day is asked about, and "Keep just the one" stores nothing', async () => {
    await h.command('alice', 'applied', 'Acme | SRE');
    h.clock.set(new Date('2026-11-25T15:00:00Z'));
    const question = await h.command('alice', 'applied', 'acme | sre');
    expect(replyText(question)).toMatch(/^You logged an application to acme \(sre\) 3 hours ago: log it again\?/);
    expect(count(h, 'applications')).toBe(1);

    const kept = await h.click('alice', buttonsOf(question)[1] ?? '');
    expect(replyText(kept)).toMatch(/kept just the one/);
    expect(count(h, 'applications')).toBe(1);
    expect(count(h, 'pending_entries')).toBe(0);
    expect(groupPosts(h)).toHaveLength(1);
  });

  it('a different role at the same company is logged without asking', async () => {
    await h.command('alice', 'applied', 'Acme | SRE');
    const second = await h.command('alice', 'applied', 'Acme | Data Engineer');
    expect(replyText(second)).toMatch(/^Logged: Data Engineer at Acme/);
    expect(count(h, 'applications')).toBe(2);
  });

  it('"Log it again" pressed more than a day later logs nothing and says the question expired', async () => {
    await h.command('alice', 'applied', 'Acme | SRE');
    const question = await h.command('alice', 'applied', 'Acme | SRE');
    h.clock.set(new Date('2026-11-26T12:30:00Z'));
    const late = await h.click('alice', buttonsOf(question)[0] ?? '');
    expect(replyText(late)).toMatch(/expired after a day, so nothing was logged/);
    expect(count(h, 'applications')).toBe(1);
    expect(count(h, 'pending_entries')).toBe(0);
  });

  it('only the person asked can answer the question', async () => {
    await h.command('alice', 'rejected', 'Acme | SRE');
    const question = await h.command('alice', 'rejected', 'Acme | SRE');
    const refused = await h.click('bob', buttonsOf(question)[0] ?? '');
    expect(replyText(refused)).toMatch(/someone else/);
    expect(count(h, 'rejections')).toBe(1);
  });
});
