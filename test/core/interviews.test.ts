import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf, createGroupWorld, isNudge, replyText, textOf, type GroupWorld } from '../helpers/world.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * `/interview` through the core: a round is recorded, the application moves to interviewing, and
 * the pipeline rules plan its preparation (18:00 the evening before), its thank-you (10:00 the next
 * business day) and its "no answer yet?" step (10:00, 7 business days after), all in the member's
 * zone; a moved round moves its steps, a rejection closes them, news cancels the chase.
 */
describe('/interview records a round and plans around it', () => {
  let h: GroupWorld;
  beforeEach(async () => {
    // Wednesday 25 November 2026, 12:00 in Berlin.
    h = await createGroupWorld({
      zone: 'Europe/Berlin',
      start: new Date('2026-11-25T11:00:00Z'),
      members: [{ userId: 'alice' }],
    });
    await h.run('alice', '/rebound quiet off');
    await h.run('alice', '/rebound reminders off');
  });
  afterEach(() => h.close());

  const app = async (company: string) => {
    const [found] = await h.store.applications.findByCompany(await h.memberId('alice'), company);
    if (!found) throw new Error(`no application to ${company}`);
    return found;
  };
  // The interview steps (the application's silence steps are tested in silence.test.ts).
  const open = async () =>
    (await h.store.followUps.listByMember(await h.memberId('alice'), ['pending', 'snoozed']))
      .filter((f) => f.interviewId !== null)
      .map((f) => [f.ruleId, f.dueAt.toISOString()]);
  const nudges = () => h.chat.sent.filter((s) => s.kind === 'dm' && isNudge(s.text)).map((s) => s.text);

  it('records the round, moves the application to interviewing and plans three steps in the member zone', async () => {
    await h.run('alice', '/applied Acme | Backend Engineer');
    h.chat.clear();
    const reply = await h.run('alice', '/interview Acme | 2026-11-27 14:00 | technical');
    expect(reply.type).toBe('private');
    expect(textOf(reply)).toContain('Logged your technical interview for Backend Engineer at Acme: Fri 27 Nov, 14:00.');
    expect(textOf(reply)).toContain('Acme is at interviewing now.');
    expect(buttonsOf(reply).some((b) => b.startsWith('undo:i:'))).toBe(true);
    expect((await app('Acme')).status).toBe('interviewing');
    expect(await open()).toEqual([
      // The evening before, 18:00 Berlin (UTC+1).
      ['interview-prep', '2026-11-26T17:00:00.000Z'],
      // Friday's interview: the next business day is Monday, 10:00.
      ['thank-you', '2026-11-30T09:00:00.000Z'],
      // 7 business days after Friday 27: Tuesday 8 December, 10:00.
      ['interview-chase', '2026-12-08T09:00:00.000Z'],
    ]);
    // Nothing is posted to the group.
    expect(h.chat.sent.filter((s) => s.kind === 'channel')).toEqual([]);
  });

  it('nudges each step with its wording; the thank-you draft names company, role and round', async () => {
    await h.run('alice', '/applied Acme | SRE');
    await h.run('alice', '/interview Acme | tomorrow 9:30 | phone');
    await h.advanceTo(new Date('2026-11-25T17:00:00Z'));
    expect(nudges()).toHaveLength(1);
    expect(nudges()[0]).toContain('Prepare for your phone interview at Acme');
    expect(nudges()[0]).toContain('two short stories');
    await h.run('alice', '/interview Acme | SRE | 2026-12-01 15:00 | technical');
    await h.advanceTo(new Date('2026-11-27T09:00:00Z'));
    const thanks = nudges().find((t) => t.includes('Send a thank-you note at Acme')) ?? '';
    expect(thanks).toContain('the SRE role at Acme in the phone interview');
    // The second round's thank-you names its round.
    await h.advanceTo(new Date('2026-12-02T09:00:00Z'));
    const second =
      nudges()
        .filter((t) => t.includes('thank-you'))
        .at(-1) ?? '';
    expect(second).toContain('technical interview (round 2)');
  });

  it('moves a round that is logged again with its kind, and its steps with it; Undo puts it back', async () => {
    await h.run('alice', '/applied Acme | SRE');
    await h.run('alice', '/interview Acme | 2026-11-27 14:00 | onsite');
    await h.advance(60_000);
    const moved = await h.run('alice', '/interview Acme | 2026-12-02 10:00 | onsite');
    expect(textOf(moved)).toContain(
      'Moved your onsite interview for SRE at Acme from Fri 27 Nov, 14:00 to Wed 2 Dec, 10:00.',
    );
    expect(await h.store.interviews.listByApplication((await app('Acme')).id)).toHaveLength(1);
    expect(await open()).toEqual([
      ['interview-prep', '2026-12-01T17:00:00.000Z'],
      ['thank-you', '2026-12-03T09:00:00.000Z'],
      ['interview-chase', '2026-12-11T09:00:00.000Z'],
    ]);
    const same = await h.run('alice', '/interview Acme | 2026-12-02 10:00 | onsite');
    expect(textOf(same)).toContain('already down for that time');
    const undo = buttonsOf(moved).find((b) => b.startsWith('undo:m:')) ?? '';
    const undone = await h.click('alice', undo);
    expect(replyText(undone)).toContain('back at its earlier time');
    expect(await open()).toEqual([
      ['interview-prep', '2026-11-26T17:00:00.000Z'],
      ['thank-you', '2026-11-30T09:00:00.000Z'],
      ['interview-chase', '2026-12-08T09:00:00.000Z'],
    ]);
  });

  it('closes the interview steps on a rejection, and its Undo opens them again', async () => {
    await h.run('alice', '/applied Acme | SRE');
    await h.run('alice', '/interview Acme | 2026-11-27 14:00 | final');
    await h.advance(HOUR);
    const rejection = await h.run('alice', '/rejected Acme | SRE | final');
    const steps = (await open()).map(([rule]) => rule);
    expect(steps).not.toContain('interview-prep');
    expect(steps).not.toContain('thank-you');
    expect(steps).not.toContain('interview-chase');
    await h.click('alice', buttonsOf(rejection).find((b) => b.startsWith('undo:')) ?? '');
    expect((await open()).map(([rule]) => rule)).toEqual(['interview-prep', 'thank-you', 'interview-chase']);
  });

  it('sends no chase when news was logged after the interview', async () => {
    await h.run('alice', '/applied Acme | SRE');
    await h.run('alice', '/interview Acme | 2026-11-26 14:00 | phone');
    await h.advanceTo(new Date('2026-11-30T12:00:00Z'));
    await h.run('alice', '/stage Acme | screening');
    await h.advanceTo(new Date('2026-12-08T12:00:00Z'));
    expect(nudges().some((t) => t.includes('next steps'))).toBe(false);
    const chase = (await h.store.followUps.listByMember(await h.memberId('alice'), ['cancelled'])).find(
      (f) => f.ruleId === 'interview-chase',
    );
    expect(chase).toBeDefined();
  });

  it('sends the chase when nothing was logged since, with its draft', async () => {
    await h.run('alice', '/applied Acme | SRE');
    await h.run('alice', '/interview Acme | 2026-11-26 14:00 | phone');
    await h.advanceTo(new Date('2026-12-07T12:00:00Z'));
    const chase = nudges().find((t) => t.includes('next steps')) ?? '';
    expect(chase).toContain('No news logged since your phone interview at Acme');
    expect(chase).toContain('follow up on my phone interview for the SRE role at Acme');
  });

  it('a new round closes the earlier round chase; Undo of the new round removes it and its plan', async () => {
    await h.run('alice', '/applied Acme | SRE');
    await h.run('alice', '/interview Acme | 2026-11-26 14:00 | phone');
    await h.advance(2 * DAY);
    const second = await h.run('alice', '/interview Acme | 2026-12-03 14:00 | technical');
    expect(textOf(second)).toContain('technical interview (round 2)');
    expect((await open()).filter(([rule]) => rule === 'interview-chase')).toEqual([
      ['interview-chase', '2026-12-14T09:00:00.000Z'],
    ]);
    await h.click('alice', buttonsOf(second).find((b) => b.startsWith('undo:i:')) ?? '');
    expect(await h.store.interviews.listByApplication((await app('Acme')).id)).toHaveLength(1);
    expect((await open()).filter(([rule]) => rule === 'interview-chase')).toEqual([
      ['interview-chase', '2026-12-07T09:00:00.000Z'],
    ]);
  });

  it('creates the application when none was logged, and Undo removes it', async () => {
    const reply = await h.run('alice', '/interview Globex | Data Analyst | 2026-11-30 11:00 | video');
    expect(textOf(reply)).toContain('I had no application to Globex from you, so I added it.');
    const a = await app('Globex');
    expect([a.role, a.status]).toEqual(['Data Analyst', 'interviewing']);
    await h.click('alice', buttonsOf(reply).find((b) => b.startsWith('undo:i:')) ?? '');
    expect(await h.store.applications.findByCompany(await h.memberId('alice'), 'Globex')).toEqual([]);
    expect(await open()).toEqual([]);
  });

  it('an interview already past gets no preparation, and a thank-you at once', async () => {
    await h.run('alice', '/applied Acme | SRE');
    await h.run('alice', '/interview Acme | today 9:00 | phone');
    expect(await open()).toEqual([
      ['thank-you', '2026-11-26T09:00:00.000Z'],
      ['interview-chase', '2026-12-04T09:00:00.000Z'],
    ]);
    await h.run('alice', '/interview Acme | 2026-11-24 9:00 | technical');
    expect((await open()).filter(([rule]) => rule === 'thank-you')[0]).toEqual([
      'thank-you',
      '2026-11-25T11:00:00.000Z',
    ]);
  });

  it('opens a form with no text, and the form logs the round', async () => {
    await h.run('alice', '/applied Acme | SRE');
    const opened = await h.run('alice', '/interview');
    if (opened.type !== 'form') throw new Error(`expected a form, got ${opened.type}`);
    expect(opened.form.fields.map((f) => f.id)).toEqual(['company', 'role', 'when', 'kind']);
    const bad = await h.submit('alice', opened.form.formId, { company: 'Acme', when: 'soon', kind: 'phone' });
    expect(bad.type).toBe('form-errors');
    const reply = await h.submit('alice', opened.form.formId, {
      company: 'Acme',
      when: 'fri 2pm',
      kind: 'phone',
    });
    expect(replyText(reply)).toContain('Logged your phone interview for SRE at Acme: Fri 27 Nov, 14:00.');
  });

  it("counts the week's rounds among the group's interviews, naming the company only when shared", async () => {
    await h.run('alice', '/applied Acme | SRE');
    await h.run('alice', '/stage Acme | interviewing');
    await h.run('alice', '/rebound visibility counts');
    await h.run('alice', '/applied Initech | QA');
    await h.run('alice', '/stage Initech | interviewing');
    // The next week (from Monday 30 November): both were at interviewing before it began.
    await h.advanceTo(new Date('2026-11-30T11:00:00Z'));
    const interviews = async () =>
      (replyText(await h.run('alice', '/stats group')).match(/🗣️ Interviews: .*/) ?? [''])[0];
    expect(await interviews()).toBe('🗣️ Interviews: 0');
    await h.run('alice', '/interview Acme | 2026-12-02 14:00 | technical');
    await h.run('alice', '/interview Initech | 2026-12-03 11:00 | video');
    // A round next week is not this week's.
    await h.run('alice', '/interview Acme | 2026-12-08 11:00 | final');
    expect(await interviews()).toBe('🗣️ Interviews: 2 (alice: Acme (SRE))');
  });

  it('asks which application when the company has two roles and none was named', async () => {
    await h.run('alice', '/applied Acme | SRE');
    await h.run('alice', '/applied Acme | Backend Engineer');
    const reply = await h.run('alice', '/interview Acme | tomorrow 14:00 | phone');
    expect(textOf(reply)).toContain('You have 2 applications at Acme. Which one is the interview for?');
    expect(textOf(reply)).toContain('/interview Acme | SRE | tomorrow 14:00 | phone');
    expect(await open()).toEqual([]);
  });

  it.each([
    ['Acme | someday | phone', 'Give a day and a time'],
    ['Acme | tomorrow 14:00 | interpretive dance', 'is not a kind of interview I know'],
    ['Acme | 2026-02-30 14:00 | phone', 'Give a day and a time'],
    ['Acme | 2027-12-30 14:00 | phone', 'more than a year away'],
    ['Acme | 2026-09-01 14:00 | phone', 'more than 30 days ago'],
  ])('refuses %s with a short private answer and stores nothing', async (text, answer) => {
    await h.run('alice', '/applied Acme | SRE');
    const reply = await h.run('alice', `/interview ${text}`);
    expect(replyText(reply)).toContain(answer);
    expect(await h.store.interviews.listByApplication((await app('Acme')).id)).toEqual([]);
    expect((await app('Acme')).status).toBe('applied');
  });

  it('keeps 18:00 and 10:00 local across the end of daylight saving time', async () => {
    const ny = await createGroupWorld({
      zone: 'America/New_York',
      start: new Date('2026-10-28T15:00:00Z'),
      members: [{ userId: 'alice' }],
    });
    try {
      await ny.run('alice', '/applied Initech | QA');
      // Clocks go back on Sunday 1 November 2026: Monday's interview is in EST (UTC-5).
      await ny.run('alice', '/interview Initech | 2026-11-02 13:00 | panel');
      const steps = (await ny.store.followUps.listByMember(await ny.memberId('alice'), ['pending']))
        .filter((f) => f.interviewId !== null)
        .map((f) => [f.ruleId, f.dueAt.toISOString()]);
      expect(steps).toEqual([
        ['interview-prep', '2026-11-01T23:00:00.000Z'],
        ['thank-you', '2026-11-03T15:00:00.000Z'],
        ['interview-chase', '2026-11-11T15:00:00.000Z'],
      ]);
    } finally {
      ny.close();
    }
  });
});
