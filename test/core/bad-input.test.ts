import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, replyText, type World } from '../helpers/world.ts';

/** Counts every stored row the bad input could have touched. */
function rowCounts(h: World): Record<string, number> {
  const tables = [
    'groups',
    'members',
    'applications',
    'rejections',
    'updates',
    'feedback',
    'follow_ups',
    'posts',
    'reactions',
    'deliveries',
  ];
  return Object.fromEntries(
    tables.map((t) => [t, (h.database.sqlite.prepare(`select count(*) n from ${t}`).get() as { n: number }).n]),
  );
}

describe('bad input gets a short private answer with an example and stores nothing', () => {
  let h: World;
  beforeEach(async () => {
    h = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await h.command('alice', 'rebound', 'setup 09:00 Europe/Berlin mon-fri');
    await h.command('alice', 'rebound', 'join');
  });
  afterEach(() => h.close());

  const cases: [string, Parameters<World['command']>[1], string, RegExp][] = [
    ['an empty company', 'applied', ' | Backend Engineer', /company/i],
    ['a whitespace-only company', 'rejected', '   ', /form|company/i],
    ['a company over 100 characters', 'applied', `${'A'.repeat(101)} | SRE`, /100 characters/],
    ['a role over 100 characters', 'applied', `Acme | ${'R'.repeat(101)}`, /100 characters/],
    ['a note over 1,000 characters', 'rejected', `Acme | SRE | interview | ${'n'.repeat(1001)}`, /1,000 characters/],
    ['an unknown stage', 'rejected', 'Acme | SRE | lunch', /stage/],
    ['an update over 2,000 characters', 'update', 'u'.repeat(2001), /2,000 characters/],
    ['a link that is not a web address', 'applied', 'Acme | SRE | javascript:alert(1)', /link|https/i],
  ];

  for (const [what, name, text, expected] of cases) {
    it(`refuses ${what}`, async () => {
      const before = rowCounts(h);
      h.chat.clear();
      const reply = await h.command('alice', name, text);
      if (what === 'a whitespace-only company') {
        // Blank text on /rejected opens the form instead; submitting it blank is refused.
        expect(reply.type).toBe('form');
        const submitted = await h.rebound.handle({
          kind: 'form-submit',
          source: h.source('alice'),
          formId: 'rejected',
          fields: { company: '   ' },
        });
        expect(submitted).toEqual({ type: 'form-errors', errors: { company: expect.stringMatching(/company/i) } });
      } else {
        expect(reply.type).toBe('private');
        expect(replyText(reply)).toMatch(expected);
        expect(replyText(reply)).toMatch(/For example: \//);
      }
      expect(rowCounts(h)).toEqual(before);
      expect(h.chat.sent).toEqual([]);
    });
  }

  it('refuses an unknown timezone', async () => {
    const before = rowCounts(h);
    const reply = await h.command('alice', 'rebound', 'timezone Mars/Olympus');
    expect(replyText(reply)).toMatch(/not a timezone I know[\s\S]*For example: \/rebound timezone Europe\/Berlin/);
    const setup = await h.command('bob', 'rebound', 'setup 09:00 Mars/Olympus', { channelId: 'C2' });
    expect(replyText(setup)).toMatch(/not a timezone I know/);
    expect(rowCounts(h)).toEqual(before);
  });

  it('refuses a command that needs a group in a channel that is not one', async () => {
    const before = rowCounts(h);
    const reply = await h.command('alice', 'applied', 'Acme | SRE', { channelId: 'C-random' });
    expect(replyText(reply)).toMatch(/isn't a Rebound group[\s\S]*For example: \/rebound setup/);
    expect(rowCounts(h)).toEqual(before);
  });

  it('refuses a button that does not exist or belongs to another member', async () => {
    await h.command('alice', 'rejected', 'Acme | SRE | interview');
    const aliceStep = (
      await h.store.followUps.listByMember((await h.store.members.find(1, 'alice'))?.id ?? 0, ['pending'])
    )[0];
    const before = rowCounts(h);
    expect(replyText(await h.click('alice', 'fu:done:999999'))).toMatch(/no longer exists/);
    expect(replyText(await h.click('alice', 'nonsense:1'))).toMatch(/no longer does anything/);
    expect(replyText(await h.click('bob', `fu:done:${aliceStep?.id}`))).toMatch(/someone else/);
    expect((await h.store.followUps.get(aliceStep?.id ?? 0))?.status).toBe('pending');
    expect(rowCounts(h)).toEqual(before);
  });

  it('keeps mention syntax in any field as plain text, and the post mentions nobody', async () => {
    h.chat.clear();
    await h.command('alice', 'applied', '@everyone <!channel> | @here <@U123> <@&456>');
    const post = h.chat.sent.find((s) => s.kind === 'channel');
    // The core says nothing about mentions: the text is plain, and each adapter escapes it (contract suite).
    expect(post?.message.blocks.some((b) => b.type === 'mention')).toBe(false);
    const stored = (await h.store.applications.listByMember((await h.store.members.find(1, 'alice'))?.id ?? 0))[0];
    expect(stored?.company).toBe('@everyone <!channel>');
  });

  it('counts emoji as one character each and accepts them', async () => {
    const reply = await h.command('alice', 'applied', `${'🎉'.repeat(100)} | SRE`);
    expect(replyText(reply)).toMatch(/Logged/);
  });
});
