import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/messages.ts';
import { buttonsOf, createGroupWorld, replyText, textOf, type GroupWorld } from '../helpers/world.ts';

const DAY = 86_400_000;

describe('/stage moves an application and keeps its history', () => {
  let h: GroupWorld;
  beforeEach(async () => {
    h = await createGroupWorld({
      zone: 'Europe/Berlin',
      start: new Date('2026-11-25T12:00:00Z'),
      members: [{ userId: 'alice' }, { userId: 'bob' }],
    });
  });
  afterEach(() => h.close());

  const groupPosts = () => h.chat.sent.filter((s) => s.kind === 'channel').map((s) => s.text);
  const applicationOf = async (user: string, company: string, role?: string) => {
    const all = await h.store.applications.findByCompany(await h.memberId(user), company);
    const found = all.find((a) => role === undefined || a.role === role);
    if (!found) throw new Error(`no application to ${company}`);
    return found;
  };
  const historyOf = async (user: string, company: string, role?: string) =>
    (await h.store.applications.listEvents((await applicationOf(user, company, role)).id)).map((e) => [
      e.status,
      e.at.toISOString(),
    ]);
  const openSteps = async (user: string) =>
    (await h.store.followUps.listByMember(await h.memberId(user), ['pending', 'snoozed'])).map((f) => f.applicationId);

  it('moves an application through the pipeline, recording each move with its date, and answers privately', async () => {
    await h.command('alice', 'applied', 'Acme | Backend Engineer');
    await h.advance(2 * DAY);
    h.chat.clear();
    const reply = await h.command('alice', 'stage', 'acme | screening');
    expect(reply.type).toBe('private');
    expect(textOf(reply)).toBe('Moved Backend Engineer at Acme to screening.');
    expect(groupPosts()).toEqual([]);
    await h.advance(DAY);
    await h.command('alice', 'stage', 'Acme | Backend Engineer | interviews');
    expect((await applicationOf('alice', 'Acme')).status).toBe('interviewing');
    expect(await historyOf('alice', 'Acme')).toEqual([
      ['applied', '2026-11-25T12:00:00.000Z'],
      ['screening', '2026-11-27T12:00:00.000Z'],
      ['interviewing', '2026-11-28T12:00:00.000Z'],
    ]);
  });

  it('records the rejection in the history too, and its Undo takes the event back', async () => {
    await h.command('alice', 'applied', 'Acme | SRE');
    await h.command('alice', 'stage', 'Acme | interviewing');
    await h.advance(DAY);
    const rejection = await h.command('alice', 'rejected', 'Acme | SRE | interview');
    expect((await historyOf('alice', 'Acme')).map(([s]) => s)).toEqual(['applied', 'interviewing', 'rejected']);
    const undo = buttonsOf(rejection).find((b) => b.startsWith('undo:'));
    await h.click('alice', undo ?? '');
    expect((await applicationOf('alice', 'Acme')).status).toBe('interviewing');
    expect((await historyOf('alice', 'Acme')).map(([s]) => s)).toEqual(['applied', 'interviewing']);
  });

  it('asks which one when the member has two applications at the company and gave no role, storing nothing', async () => {
    await h.command('alice', 'applied', 'Acme | SRE');
    await h.command('alice', 'applied', 'Acme | Platform Engineer');
    h.chat.clear();
    const reply = await h.command('alice', 'stage', 'ACME | offer');
    expect(reply.type).toBe('private');
    expect(textOf(reply)).toBe(
      [
        'You have 2 applications at Acme. Which one moved?',
        '• Platform Engineer: /stage Acme | Platform Engineer | offer',
        '• SRE: /stage Acme | SRE | offer',
      ].join('\n'),
    );
    expect(groupPosts()).toEqual([]);
    for (const role of ['SRE', 'Platform Engineer']) {
      expect((await applicationOf('alice', 'Acme', role)).status).toBe('applied');
      expect(await historyOf('alice', 'Acme', role)).toHaveLength(1);
    }
    // The exact command it suggested works.
    expect(textOf(await h.command('alice', 'stage', 'Acme | Platform Engineer | offer'))).toMatch(
      /^Moved Platform Engineer at Acme to offer\./,
    );
  });

  it('answers a company it does not know with the member’s own companies, and stores nothing', async () => {
    await h.command('alice', 'applied', 'Acme | SRE');
    const reply = await h.command('alice', 'stage', 'Initech | offer');
    expect(textOf(reply)).toBe(
      'I have no application to Initech from you. Yours: Acme.\nFor example: /stage Acme | interviewing',
    );
    expect(groupPosts().filter((t) => /offer/.test(t))).toEqual([]);
    // Someone who never joined is not made a member by a move that found nothing.
    const stranger = await h.command('carol', 'stage', 'Acme | offer');
    expect(textOf(stranger)).toMatch(/^I have no application to Acme from you\. Log it first with \/applied/);
    expect(await h.store.members.find(h.groupId, 'carol')).toBeNull();
  });

  it('answers kindly when the application already is at that stage, and records nothing', async () => {
    await h.command('alice', 'applied', 'Acme | SRE');
    await h.command('alice', 'stage', 'Acme | screening');
    const again = await h.command('alice', 'stage', 'Acme | screen');
    expect(textOf(again)).toBe('SRE at Acme is already at screening: nothing to change.');
    expect(await historyOf('alice', 'Acme')).toHaveLength(2);
  });

  it('celebrates an offer and an acceptance in the group as the application’s visibility allows', async () => {
    await h.command('alice', 'applied', 'Acme | SRE');
    await h.command('alice', 'rebound', 'visibility counts');
    await h.command('alice', 'applied', 'Globex | PM');
    await h.command('alice', 'rebound', 'visibility private');
    await h.command('alice', 'applied', 'Initech | QA');
    h.chat.clear();

    const shared = await h.command('alice', 'stage', 'Acme | offer');
    await h.command('alice', 'stage', 'Acme | accepted');
    const counts = await h.command('alice', 'stage', 'Globex | offer');
    await h.command('alice', 'stage', 'Globex | hired');
    const kept = await h.command('alice', 'stage', 'Initech | offer');
    await h.command('alice', 'stage', 'Initech | accepted');

    expect(groupPosts()).toEqual([
      '🎉 alice has an offer from Acme! All that effort is paying off.',
      '🥂 alice accepted an offer at Acme. A new chapter: congratulations!',
      '🎉 alice has an offer! All that effort is paying off.',
      '🥂 alice accepted an offer. A new chapter: congratulations!',
    ]);
    expect(textOf(shared)).toBe(
      'Moved SRE at Acme to offer.\nCongratulations! Take a moment to enjoy it.\nI told the group, so they can cheer with you.',
    );
    expect(textOf(counts)).toContain('I told the group');
    expect(textOf(kept)).toBe(
      'Moved QA at Initech to offer.\nCongratulations! Take a moment to enjoy it.\n(Kept private: nothing was posted to the group.)',
    );
  });

  it('counts a peer’s reaction on the celebration as encouragement', async () => {
    await h.command('alice', 'applied', 'Acme | SRE');
    await h.command('alice', 'stage', 'Acme | offer');
    await h.react('bob', 'has an offer', '🎉');
    const post = h.chat.sent.find((s) => s.kind === 'channel' && s.text.includes('has an offer'));
    const stored = await h.store.posts.findByMessage({
      workspace: { platform: 'slack', workspaceId: 'T1' },
      channelId: post?.sent.channelId ?? '',
      messageId: post?.sent.messageId ?? '',
    });
    expect(stored?.subject).toBe('stage');
    const facts = await h.store.privacy.exportMember({ platform: 'slack', workspaceId: 'T1' }, 'alice');
    expect(facts.reactionsReceived.map((r) => r.emoji)).toEqual(['🎉']);
  });

  it('closes the open follow-up steps of an application that reaches an offer, and no other application’s', async () => {
    await h.command('alice', 'rejected', 'Acme | SRE | final');
    await h.command('alice', 'rejected', 'Globex | PM | interview');
    const acme = (await applicationOf('alice', 'Acme')).id;
    const globex = (await applicationOf('alice', 'Globex')).id;
    expect((await openSteps('alice')).filter((id) => id === acme).length).toBeGreaterThan(0);

    const reply = await h.command('alice', 'stage', 'Acme | SRE | offer');
    expect(textOf(reply)).toMatch(/^Moved SRE at Acme to offer\. It was rejected: good to see it moving again\./);
    expect(textOf(reply)).toMatch(/Its \d+ open follow-up steps are closed\./);
    const open = await openSteps('alice');
    expect(open).not.toContain(acme);
    expect(open).toContain(globex);
    const cancelled = await h.store.followUps.listByMember(await h.memberId('alice'), ['cancelled']);
    expect(cancelled.length).toBeGreaterThan(0);
    expect(cancelled.every((f) => f.applicationId === acme)).toBe(true);
  });

  it('closes the steps quietly on a withdrawal: nothing is posted', async () => {
    await h.command('alice', 'rejected', 'Acme | SRE | screen');
    h.chat.clear();
    const reply = await h.command('alice', 'stage', 'Acme | withdrew');
    // Withdrawing a rejected application is no revival: the answer does not cheer it on.
    expect(textOf(reply)).toMatch(/^Moved SRE at Acme to withdrawn\.\nIts \d+ open follow-up steps are closed\.$/);
    expect(groupPosts()).toEqual([]);
    expect(await openSteps('alice')).toEqual([]);
  });

  it('revives a ghosted application with any later move, keeping both in its history', async () => {
    await h.command('alice', 'applied', 'Acme | SRE');
    await h.advance(30 * DAY);
    await h.command('alice', 'stage', 'Acme | ghosted');
    await h.advance(3 * DAY);
    const reply = await h.command('alice', 'stage', 'Acme | interviewing');
    expect(textOf(reply)).toBe('Moved SRE at Acme to interviewing. It was ghosted: good to see it moving again.');
    expect((await historyOf('alice', 'Acme')).map(([s]) => s)).toEqual(['applied', 'ghosted', 'interviewing']);
  });

  it('revives a rejected application: the plan that followed the no closes, and its Undo reopens it', async () => {
    await h.command('alice', 'applied', 'Acme | SRE');
    await h.command('alice', 'rejected', 'Acme | SRE | interview');
    const rejectionPlan = async () =>
      (await h.store.followUps.listByMember(await h.memberId('alice'), ['pending']))
        .map((f) => f.ruleId)
        .filter((r) => !r.startsWith('silence-'));
    expect(await rejectionPlan()).toContain('request-feedback');
    await h.advance(2 * DAY);
    const revived = await h.command('alice', 'stage', 'Acme | SRE | interviewing');
    expect(textOf(revived)).toContain('It was rejected: good to see it moving again.');
    expect(await rejectionPlan()).toEqual([]);
    await h.click('alice', buttonsOf(revived).find((b) => b.startsWith('undo:')) ?? '');
    expect(await rejectionPlan()).toContain('request-feedback');
  });

  it('with no role given, picks the one application still under way, and names the one without a role with -', async () => {
    await h.command('alice', 'rejected', 'Acme');
    await h.command('alice', 'applied', 'Acme | SRE');
    expect(textOf(await h.command('alice', 'stage', 'Acme | screening'))).toBe('Moved SRE at Acme to screening.');
    await h.command('alice', 'applied', 'Acme | QA');
    const asked = textOf(await h.command('alice', 'stage', 'Acme | offer'));
    expect(asked).toContain('• the one with no role (rejected): /stage Acme | - | offer');
    expect(textOf(await h.command('alice', 'stage', 'Acme | - | interviewing'))).toBe(
      'Moved Acme to interviewing. It was rejected: good to see it moving again.',
    );
  });

  it('works in a DM for a member of one group, and a celebration still goes to the group', async () => {
    await h.command('alice', 'applied', 'Acme | SRE');
    h.chat.clear();
    const reply = await h.command('alice', 'stage', 'Acme | offer', { channelId: 'D-alice' });
    expect(textOf(reply)).toMatch(/^Moved SRE at Acme to offer\./);
    expect(groupPosts()).toEqual(['🎉 alice has an offer from Acme! All that effort is paying off.']);
  });
});

describe('Undo on a /stage reply', () => {
  let h: GroupWorld;
  beforeEach(async () => {
    h = await createGroupWorld({
      zone: 'Europe/Berlin',
      start: new Date('2026-11-25T12:00:00Z'),
      members: [{ userId: 'alice' }, { userId: 'bob' }],
    });
  });
  afterEach(() => h.close());

  const undoOf = (reply: Reply): string => {
    const id = buttonsOf(reply).find((b) => b.startsWith('undo:'));
    if (!id) throw new Error(`no Undo button on: ${replyText(reply)}`);
    return id;
  };
  const acme = async () => (await h.store.applications.findByCompany(await h.memberId('alice'), 'Acme'))[0];

  it('takes an offer back: the status before, the history, the celebration post, and the steps it closed', async () => {
    await h.command('alice', 'rejected', 'Acme | SRE | final');
    const open = async () =>
      (await h.store.followUps.listByMember(await h.memberId('alice'), ['pending', 'snoozed'])).length;
    const stepsBefore = await open();
    h.chat.clear();
    const moved = await h.command('alice', 'stage', 'Acme | offer');
    const [post] = h.chat.sent.filter((s) => s.kind === 'channel');
    expect(await open()).toBe(0);

    h.clock.set(new Date('2026-11-25T12:05:00Z'));
    const undone = await h.click('alice', undoOf(moved));
    expect(undone.type).toBe('replace');
    expect(replyText(undone)).toBe(
      `Undone: the move of SRE at Acme to offer is taken back, with its group post. Its ${stepsBefore} follow-up steps are open again.`,
    );
    expect((await acme())?.status).toBe('rejected');
    expect((await h.store.applications.listEvents((await acme())?.id ?? 0)).map((e) => e.status)).toEqual(['rejected']);
    expect(h.chat.sent.filter((s) => s.kind === 'delete').map((s) => s.sent)).toEqual([post?.sent]);
    expect(await open()).toBe(stepsBefore);
  });

  it('asks to undo a move first before the rejection it followed', async () => {
    await h.command('alice', 'applied', 'Acme | SRE');
    const rejection = await h.command('alice', 'rejected', 'Acme | SRE | screen');
    await h.command('alice', 'stage', 'Acme | interviewing');
    expect(replyText(await h.click('alice', undoOf(rejection)))).toBe(
      'A move to interviewing is logged since your rejection from Acme: undo that first.',
    );
    expect(await h.store.rejections.listByMember(await h.memberId('alice'))).toHaveLength(1);
    expect((await acme())?.status).toBe('interviewing');
  });

  it('asks to undo a later move first, and belongs only to the member who moved', async () => {
    await h.command('alice', 'applied', 'Acme | SRE');
    const screening = await h.command('alice', 'stage', 'Acme | screening');
    await h.command('alice', 'stage', 'Acme | interviewing');
    expect(replyText(await h.click('alice', undoOf(screening)))).toBe(
      'A move to interviewing is logged since the move of SRE at Acme to screening: undo that first.',
    );
    expect(replyText(await h.click('bob', undoOf(screening)))).toMatch(/belongs to someone else/);
    expect((await acme())?.status).toBe('interviewing');
    // Nor can the application itself be undone while a move is logged on it.
    const [applied] = await h.store.applications.findByCompany(await h.memberId('alice'), 'Acme');
    expect(replyText(await h.click('alice', `undo:a:${applied?.id ?? 0}`))).toBe(
      'A stage move is logged on your application to Acme since: undo that first.',
    );
  });
});

describe('/stage with bad input', () => {
  let h: GroupWorld;
  beforeEach(async () => {
    h = await createGroupWorld({ zone: 'Europe/Berlin', start: new Date('2026-11-25T12:00:00Z') });
  });
  afterEach(() => h.close());

  const text = (reply: Reply) => replyText(reply);

  it('opens its form with no text, and names a missing field with the right form', async () => {
    const opened = await h.command('alice', 'stage', '');
    expect(opened.type === 'form' ? opened.form.fields.map((f) => f.id) : opened.type).toEqual([
      'company',
      'role',
      'stage',
    ]);
    expect(text(await h.command('alice', 'stage', 'Acme'))).toBe(
      'Please give a stage.\nFor example: /stage Acme | Backend Engineer | interviewing',
    );
  });

  it('refuses a stage it does not know, listing the ones it does', async () => {
    expect(text(await h.command('alice', 'stage', 'Acme | SRE | hired-ish'))).toMatch(
      /^"hired-ish" is not a stage I know\. Use one of: screening, interviewing, offer, accepted, withdrawn, ghosted\./,
    );
  });

  it('refuses a 10,000-character company briefly, storing nothing', async () => {
    const reply = await h.command('alice', 'stage', `${'x'.repeat(10_000)} | offer`);
    expect(text(reply)).toMatch(/^That company is too long: 100 characters at most\./);
    expect(text(reply).length).toBeLessThan(300);
  });

  it('keeps mention syntax in a company as plain text: the celebration mentions nobody', async () => {
    await h.command('alice', 'applied', '@everyone <!channel> | SRE');
    h.chat.clear();
    const reply = await h.command('alice', 'stage', '@everyone <!channel> | offer');
    expect(textOf(reply)).toMatch(/^Moved SRE at @everyone <!channel> to offer\./);
    const post = h.chat.sent.find((s) => s.kind === 'channel');
    expect(post?.text).toBe('🎉 alice has an offer from @everyone <!channel>! All that effort is paying off.');
    // The core says nothing about mentions: the text is plain, and each adapter escapes it (contract suite).
    expect(post?.message.blocks.some((b) => b.type === 'mention')).toBe(false);
  });
});
