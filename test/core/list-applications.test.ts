import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/messages.ts';
import { buttonsOf, createGroupWorld, replyText, textOf, type GroupWorld } from '../helpers/world.ts';

/** The list itself: what comes before the applications that carry buttons. */
const listText = (reply: Reply) => textOf(reply).split('\n—\n')[0] ?? '';

describe('/applications lists the member’s applications by stage', () => {
  let h: GroupWorld;
  const at = (iso: string) => h.clock.set(new Date(iso));
  beforeEach(async () => {
    h = await createGroupWorld({
      zone: 'Europe/Berlin',
      start: new Date('2026-11-20T09:00:00Z'),
      members: [{ userId: 'alice' }, { userId: 'bob' }],
    });
    // Alice lives in Tokyo: her days (and the dates shown) are Tokyo's.
    await h.command('alice', 'rebound', 'timezone Asia/Tokyo');
    await h.command('alice', 'applied', 'Acme | SRE');
    at('2026-11-22T09:00:00Z');
    await h.command('alice', 'applied', 'Globex | Backend Engineer');
    await h.command('alice', 'applied', 'Initech | QA');
    await h.command('alice', 'applied', 'Hooli | PM');
    at('2026-11-24T09:00:00Z');
    await h.command('alice', 'stage', 'Acme | screening');
    at('2026-12-02T16:00:00Z'); // 3 Dec, 01:00 in Tokyo
    await h.command('alice', 'stage', 'Acme | interviewing');
    await h.command('alice', 'stage', 'Globex | interviewing');
    at('2026-12-03T09:00:00Z');
    await h.command('alice', 'rejected', 'Initech | QA | screen');
    await h.command('alice', 'stage', 'Hooli | withdrawn');
    await h.command('bob', 'applied', 'Umbrella | SRE');
    at('2026-12-05T03:00:00Z');
  });
  afterEach(() => h.close());

  it('shows the active ones by default, in pipeline order, most recently moved first, with age and last move in the member’s zone', async () => {
    const reply = await h.command('alice', 'applications', '');
    expect(reply.type).toBe('private');
    expect(listText(reply)).toBe(
      [
        'Your applications under way',
        'Interviewing (2)',
        '• Backend Engineer at Globex: logged 13 days ago, interviewing since 3 Dec',
        '• SRE at Acme: logged 15 days ago, interviewing since 3 Dec',
        '2 more are closed (rejected, withdrawn, accepted or ghosted): /applications all shows everything.',
      ].join('\n'),
    );
  });

  it('shows everything with all, and one stage when named', async () => {
    expect(listText(await h.command('alice', 'applications', 'all'))).toBe(
      [
        'All your applications',
        'Interviewing (2)',
        '• Backend Engineer at Globex: logged 13 days ago, interviewing since 3 Dec',
        '• SRE at Acme: logged 15 days ago, interviewing since 3 Dec',
        'Rejected (1)',
        '• QA at Initech: logged 13 days ago, rejected since 3 Dec',
        'Withdrawn (1)',
        '• PM at Hooli: logged 13 days ago, withdrawn since 3 Dec',
      ].join('\n'),
    );
    expect(listText(await h.command('alice', 'applications', 'withdrawn'))).toBe(
      [
        'Your applications at withdrawn',
        'Withdrawn (1)',
        '• PM at Hooli: logged 13 days ago, withdrawn since 3 Dec',
      ].join('\n'),
    );
    expect(listText(await h.command('alice', 'applications', 'offer'))).toBe(
      'None of your applications is at offer right now.',
    );
  });

  it('keeps a long list short: forty applications at most, then how many more', async () => {
    for (let i = 1; i <= 45; i++) await h.command('bob', 'applied', `Company ${i} | SRE`);
    const lines = listText(await h.command('bob', 'applications', '')).split('\n');
    expect(lines.filter((l) => l.startsWith('• '))).toHaveLength(40);
    expect(lines[1]).toBe('Applied (46)');
    expect(lines.at(-1)).toBe('…and 6 more');
  });

  it('refuses a stage it does not know, with the ones it does', async () => {
    expect(replyText(await h.command('alice', 'applications', 'someday'))).toMatch(
      /^"someday" is not a stage I know\. Use one of: all, applied, screening, interviewing, offer, accepted, rejected, withdrawn, ghosted\./,
    );
  });

  it('works in a DM, shows only the caller’s own, and never makes anyone a member', async () => {
    expect(listText(await h.command('bob', 'applications', '', { channelId: 'D-bob' }))).toBe(
      ['Your applications under way', 'Applied (1)', '• SRE at Umbrella: logged 2 days ago, applied since 3 Dec'].join(
        '\n',
      ),
    );
    const stranger = await h.command('carol', 'applications', '');
    expect(replyText(stranger)).toMatch(/join/i);
    expect(await h.store.members.find(h.groupId, 'carol')).toBeNull();
  });
});

describe('the buttons of /applications', () => {
  let h: GroupWorld;
  beforeEach(async () => {
    h = await createGroupWorld({
      zone: 'Europe/Berlin',
      start: new Date('2026-11-20T09:00:00Z'),
      members: [{ userId: 'alice' }, { userId: 'bob' }],
    });
    await h.command('alice', 'applied', 'Acme | SRE | https://acme.example/jobs/1');
    await h.command('alice', 'applied', 'Globex | QA');
  });
  afterEach(() => h.close());

  const appOf = async (company: string) => {
    const [a] = await h.store.applications.findByCompany(await h.memberId('alice'), company);
    if (!a) throw new Error(`no application to ${company}`);
    return a;
  };

  it('offers the next stage, a rejection and an edit under each application', async () => {
    const acme = await appOf('Acme');
    const buttons = buttonsOf(await h.command('alice', 'applications', ''));
    expect(buttons).toContain(`app:next:${acme.id}`);
    expect(buttons).toContain(`app:reject:${acme.id}`);
    expect(buttons).toContain(`app:edit:${acme.id}`);
  });

  it('moves to the next stage, keeping the history, with an Undo', async () => {
    const acme = await appOf('Acme');
    const moved = await h.click('alice', `app:next:${acme.id}`);
    expect(replyText(moved)).toContain('Moved SRE at Acme to screening.');
    expect(buttonsOf(moved).some((b) => b.startsWith('undo:s:'))).toBe(true);
    await h.click('alice', `app:next:${acme.id}`);
    expect((await h.store.applications.listEvents(acme.id)).map((e) => e.status)).toEqual([
      'applied',
      'screening',
      'interviewing',
    ]);
  });

  it('opens the rejection form filled in with the company and role, which logs the rejection', async () => {
    const acme = await appOf('Acme');
    const opened = await h.click('alice', `app:reject:${acme.id}`);
    if (opened.type !== 'form') throw new Error(`expected a form, got ${opened.type}`);
    expect(opened.form.formId).toBe('rejected');
    expect(opened.form.fields.filter((f) => f.initial).map((f) => [f.id, f.initial])).toEqual([
      ['company', 'Acme'],
      ['role', 'SRE'],
    ]);
    const logged = await h.submit('alice', 'rejected', { company: 'Acme', role: 'SRE', stage: 'applied' });
    expect(replyText(logged)).toContain("I'm sorry about Acme.");
    expect((await appOf('Acme')).status).toBe('rejected');
  });

  it('edits company, role, link and visibility in a form filled in with what is stored; history stays', async () => {
    const acme = await appOf('Acme');
    const opened = await h.click('alice', `app:edit:${acme.id}`);
    if (opened.type !== 'form') throw new Error(`expected a form, got ${opened.type}`);
    expect(opened.form.fields.map((f) => [f.id, f.initial ?? ''])).toEqual([
      ['company', 'Acme'],
      ['role', 'SRE'],
      ['link', 'https://acme.example/jobs/1'],
      ['visibility', 'shared'],
    ]);
    const saved = await h.submit('alice', opened.form.formId, {
      company: 'Acme Corp',
      role: 'Site Reliability Engineer',
      link: '',
      visibility: 'counts',
    });
    expect(replyText(saved)).toContain('company, role, link, visibility (now counts) changed');
    const edited = await appOf('Acme Corp');
    expect([edited.id, edited.role, edited.link, edited.visibility]).toEqual([
      acme.id,
      'Site Reliability Engineer',
      null,
      'counts',
    ]);
    expect((await h.store.applications.listEvents(acme.id)).map((e) => e.status)).toEqual(['applied']);
  });

  it('an edit is no move: the week after, the group counts no interview for it', async () => {
    const acme = await appOf('Acme');
    await h.click('alice', `app:next:${acme.id}`);
    await h.click('alice', `app:next:${acme.id}`); // interviewing, in the week of 16 November
    await h.advance(7 * 24 * 3_600_000);
    const interviews = async () =>
      (replyText(await h.command('alice', 'stats', 'group')).match(/🗣️ Interviews: .*/) ?? [''])[0];
    expect(await interviews()).toBe('🗣️ Interviews: 0');
    await h.submit('alice', `appedit:${acme.id}`, { role: 'Site Reliability Engineer' });
    expect(await interviews()).toBe('🗣️ Interviews: 0');
  });

  it('refuses a bad edit field by field and stores nothing', async () => {
    const acme = await appOf('Acme');
    const bad = await h.submit('alice', `appedit:${acme.id}`, { company: '', link: 'not a link' });
    expect(bad.type).toBe('form-errors');
    expect((await appOf('Acme')).company).toBe('Acme');
  });

  it('leaves someone else’s application alone', async () => {
    const acme = await appOf('Acme');
    expect(replyText(await h.click('bob', `app:next:${acme.id}`))).toContain("someone else's application");
    expect(replyText(await h.submit('bob', `appedit:${acme.id}`, { company: 'Mine now' }))).toContain(
      "someone else's application",
    );
    expect((await appOf('Acme')).status).toBe('applied');
  });

  it('deletes an application after asking, with its history, steps and group posts', async () => {
    await h.command('alice', 'rejected', 'Globex | QA | screen');
    const globex = await appOf('Globex');
    await h.command('bob', 'rebound', 'join');
    const asked = await h.click('alice', `app:delete:${globex.id}`);
    expect(replyText(asked)).toMatch(
      /^Delete QA at Globex\? It goes with its history, its \d+ open steps and its posts/,
    );
    const kept = await h.click('alice', `app:keep:${globex.id}`);
    expect(replyText(kept)).toBe('Kept QA at Globex: nothing was deleted.');
    expect(await h.store.applications.get(globex.id)).not.toBeNull();
    h.chat.clear();
    const deleted = await h.click('alice', `app:delete-yes:${globex.id}`);
    // Its application post and its rejection post.
    expect(replyText(deleted)).toBe('Deleted QA at Globex, with its history and 2 group posts.');
    expect(h.chat.sent.filter((s) => s.kind === 'delete')).toHaveLength(2);
    expect(await h.store.applications.get(globex.id)).toBeNull();
    const left = await h.store.followUps.listByMember(await h.memberId('alice'), ['pending', 'snoozed']);
    expect(left.every((f) => f.applicationId !== globex.id)).toBe(true);
    expect(replyText(await h.click('alice', `app:delete-yes:${globex.id}`))).toContain('no longer there');
    expect(replyText(await h.click('bob', `app:delete-yes:${(await appOf('Acme')).id}`))).toContain(
      "someone else's application",
    );
  });
});
