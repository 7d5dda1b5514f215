import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, buttonsOf, replyText, type World } from '../helpers/world.ts';

describe('/followups lists what is due with buttons, then the next steps to come without', () => {
  let h: World;
  const aliceId = async () => (await h.store.members.find(1, 'alice'))?.id ?? 0;
  const open = async () => h.store.followUps.listByMember(await aliceId(), ['pending', 'snoozed']);
  const stepButtons = (reply: Awaited<ReturnType<World['command']>>) =>
    buttonsOf(reply).filter((b) => /^fu:(done|snooze|skip):/.test(b));
  const idOf = (actionId: string) => Number(actionId.split(':')[2]);

  beforeEach(async () => {
    // Wednesday 25 November 2026, 13:00 in Berlin.
    h = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await h.command({ userId: 'alice', timezone: 'Europe/Berlin' }, 'rebound', 'setup 09:00 Europe/Berlin');
    await h.command('alice', 'rejected', 'Acme | SRE | interview');
  });
  afterEach(() => h.close());

  it('gives buttons only to due steps and names at most the next five coming steps', async () => {
    await h.advanceTo(new Date('2026-11-26T09:30:00Z')); // Thu 10:30 Berlin: asking for feedback is due
    const reply = await h.command('alice', 'followups');
    const text = replyText(reply);
    expect(text).toMatch(/Due now \(1\)/);
    expect(text).toMatch(/Ask for feedback at Acme \(due Thu 26 Nov, 10:00\)/);
    expect(text).toMatch(/Coming up:\n• Sat 28 Nov, 10:00: Connect with people at Acme/);
    const due = (await open()).filter((f) => f.dueAt.getTime() <= h.clock.now().getTime());
    expect(new Set(stepButtons(reply).map(idOf))).toEqual(new Set(due.map((f) => f.id)));
    expect(stepButtons(reply).some((b) => b.startsWith('fu:snooze:'))).toBe(true);
    const coming = (await open()).length - due.length;
    expect(coming).toBeGreaterThan(5);
    expect(text.match(/^• /gm)).toHaveLength(5);
    expect(text).toContain(`…and ${coming - 5} more later on.`);
  });

  it('says when nothing is due yet, and carries no buttons for steps still ahead', async () => {
    const reply = await h.command('alice', 'followups');
    expect(replyText(reply)).toMatch(/Nothing is due right now/);
    expect(buttonsOf(reply)).toEqual([]);
  });

  it('redraws the list with the pressed step’s outcome, and the other buttons keep working', async () => {
    await h.advanceTo(new Date('2026-11-28T09:30:00Z')); // Sat 10:30 Berlin: feedback and connect are due
    const list = await h.command('alice', 'followups');
    expect(replyText(list)).toMatch(/Due now \(2\)/);
    const [feedbackDone, , , , , connectSkip] = stepButtons(list);
    const first = await h.click('alice', feedbackDone ?? '');
    expect(first.type).toBe('replace');
    expect(replyText(first)).toMatch(/^✓ Done: Ask for feedback at Acme/);
    expect(replyText(first)).toMatch(/Due now \(1\)[\s\S]*Connect with people at Acme/);
    expect(stepButtons(first)).toContain(connectSkip);
    const second = await h.click('alice', connectSkip ?? '');
    expect(replyText(second)).toMatch(/^↷ Skipped: Connect with people at Acme/);
    expect(replyText(second)).toMatch(/Nothing is due right now/);
    expect((await h.store.followUps.get(idOf(connectSkip ?? '')))?.status).toBe('skipped');
  });

  it('pages due steps so that every shown step has its buttons', async () => {
    for (const company of ['Globex', 'Initech', 'Umbrella'])
      await h.command('alice', 'rejected', `${company} | SRE | interview`);
    await h.advanceTo(new Date('2026-11-28T09:30:00Z'));
    const due = (await open()).filter((f) => f.dueAt.getTime() <= h.clock.now().getTime());
    expect(due.length).toBe(8);
    const first = await h.command('alice', 'followups');
    expect(replyText(first)).toMatch(/Due now \(8\), page 1 of 2/);
    expect(stepButtons(first)).toHaveLength(12);
    const more = buttonsOf(first).find((b) => b.startsWith('fu:page:')) ?? '';
    const second = await h.click('alice', more);
    expect(second.type).toBe('replace');
    expect(replyText(second)).toMatch(/page 2 of 2/);
    const shown = [...stepButtons(first), ...stepButtons(second)].map(idOf);
    expect(new Set(shown)).toEqual(new Set(due.map((f) => f.id)));
    // A press on page 2 redraws page 2.
    const done = await h.click('alice', stepButtons(second)[0] ?? '');
    expect(replyText(done)).toMatch(/^✓ Done:/);
    expect(replyText(done)).toMatch(/Due now \(7\), page 2 of 2/);
    expect(await h.click('bob', more).then(replyText)).toMatch(/someone else/);
  });
});
