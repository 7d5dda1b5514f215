import { afterEach, describe, expect, it } from 'vitest';
import { replyText } from '../../helpers/world.ts';
import { createGroupWorld, isReminder, type GroupWorld } from '../../helpers/world.ts';

let h: GroupWorld;
afterEach(() => h?.close());

const reminders = (user: string) => h.chat.dmsTo(user).filter((d) => isReminder(d.text));
const MON_NOON = new Date('2026-11-30T12:00:00Z');

describe('a check-in reminder is sent only on the check-in’s own date', () => {
  it('a member east of the group, whose quiet hours cover the rest of the group’s day, gets no reminder, on no day, Saturday included', async () => {
    // Reminder time 16:00 in New York is 22:00 in Berlin: bob's quiet hours (21:00–08:00) last
    // until 02:00 the next day in New York, so no moment of the check-in's date is left for him.
    h = await createGroupWorld({
      start: MON_NOON,
      zone: 'America/New_York',
      members: [{ userId: 'alice' }, { userId: 'bob', timezone: 'Europe/Berlin' }],
    });
    await h.advanceTo(new Date('2026-12-06T12:00:00Z')); // the next Sunday
    expect(reminders('alice')).toHaveLength(5);
    expect(reminders('bob')).toEqual([]);
  });

  it('a member whose quiet hours end before the group’s day does gets it then, on that date', async () => {
    // 16:00 in New York is 06:00 in Tokyo, inside carol's quiet hours until 08:00 Tokyo = 18:00 New York.
    h = await createGroupWorld({
      start: MON_NOON,
      zone: 'America/New_York',
      members: [{ userId: 'alice' }, { userId: 'carol', timezone: 'Asia/Tokyo' }],
    });
    await h.advanceTo(new Date('2026-12-02T12:00:00Z'));
    const sent = reminders('carol').map((r) => r.sent);
    expect(sent).toHaveLength(2);
    expect(
      (await h.store.deliveries.get(`reminder:${await h.memberId('carol')}:2026-12-01`))?.sentAt?.toISOString(),
    ).toBe('2026-12-01T23:00:00.000Z');
  });

  it('no reminder for a member who logged anything that day: an application, an update or a rejection', async () => {
    h = await createGroupWorld({
      start: MON_NOON,
      zone: 'Europe/Berlin',
      members: [{ userId: 'alice' }, { userId: 'bob' }, { userId: 'carol' }, { userId: 'dan' }],
    });
    await h.advanceTo(new Date('2026-12-01T09:00:00Z')); // Tuesday, 10:00 in Berlin
    await h.command('alice', 'applied', 'Acme | SRE');
    await h.command('bob', 'update', 'Rewrote my résumé');
    await h.command('carol', 'rejected', 'Globex | Data Engineer | screen');
    await h.advanceTo(new Date('2026-12-01T20:00:00Z'));
    const day = (user: string) => reminders(user).filter((r) => r.buttons.some((b) => b.endsWith(':2026-12-01')));
    expect(day('alice')).toEqual([]);
    expect(day('bob')).toEqual([]);
    expect(day('carol')).toEqual([]);
    expect(day('dan')).toHaveLength(1);
    // Logging on Tuesday does not excuse Wednesday.
    await h.advanceTo(new Date('2026-12-02T20:00:00Z'));
    expect(reminders('alice').filter((r) => r.buttons.some((b) => b.endsWith(':2026-12-02')))).toHaveLength(1);
  });

  it('feedback counts as logging too; what a member logged in another group does not', async () => {
    h = await createGroupWorld({
      start: MON_NOON,
      zone: 'Europe/Berlin',
      members: [{ userId: 'alice' }, { userId: 'carol' }],
    });
    await h.command('alice', 'applied', 'Acme | SRE');
    await h.command({ userId: 'carol', timezone: 'Europe/Berlin' }, 'rebound', 'setup 09:00 Europe/Berlin mon-fri', {
      channelId: 'C2',
    });
    await h.advanceTo(new Date('2026-12-01T09:00:00Z'));
    await h.command('alice', 'feedback', 'Acme | wanted more depth on system design');
    await h.command('carol', 'update', 'Logged in the other group', { channelId: 'C2' });
    await h.advanceTo(new Date('2026-12-01T20:00:00Z'));
    const day = (user: string) =>
      reminders(user).filter((r) => r.buttons.includes(`checkin:open:${h.groupId}:2026-12-01`));
    expect(day('alice')).toEqual([]);
    expect(day('carol')).toHaveLength(1);
  });

  it('the reminder’s button opens that day’s form, and once the day has ended says so', async () => {
    h = await createGroupWorld({ start: MON_NOON, zone: 'Europe/Berlin' });
    await h.advanceTo(new Date('2026-12-01T16:00:00Z'));
    const button = reminders('alice')[0]?.buttons[0];
    expect(button).toBe(`checkin:open:${h.groupId}:2026-12-01`);
    const opened = await h.click('alice', button ?? '');
    expect(opened.type === 'form' && opened.form.formId).toBe(`checkin:${h.groupId}:2026-12-01`);
    await h.advanceTo(new Date('2026-12-02T07:00:00Z')); // 08:00 Wednesday in Berlin
    expect(replyText(await h.click('alice', button ?? ''))).toMatch(/check-in day is over/);
    const late = await h.rebound.handle({
      kind: 'form-submit',
      source: h.source('alice'),
      formId: `checkin:${h.groupId}:2026-12-01`,
      fields: { applications: '1' },
    });
    expect(replyText(late)).toMatch(/check-in day is over/);
    expect(await h.store.checkIns.find(await h.memberId('alice'), '2026-12-01')).toBeNull();
  });
});
