import { afterEach, describe, expect, it } from 'vitest';
import { replyText } from '../../helpers/core.ts';
import { groupHarness, isNudge, isReminder, type GroupHarness } from './sweep-harness.ts';

let h: GroupHarness;
afterEach(() => h?.close());

const reminders = (user: string) => h.chat.dmsTo(user).filter((d) => isReminder(d.text));

describe('/rebound reminders off|on', () => {
  it('a member who turned reminders off gets none, nudges still come, and on brings them back', async () => {
    h = await groupHarness({
      start: new Date('2026-11-25T12:00:00Z'),
      zone: 'Europe/Berlin',
      members: [{ userId: 'alice' }, { userId: 'bob' }],
    });
    expect(replyText(await h.command('bob', 'rebound', 'reminders off'))).toContain('reminders are off');
    await h.command('bob', 'rejected', 'Acme | SRE | interview');
    await h.advanceTo(new Date('2026-11-26T20:00:00Z')); // Thursday evening in Berlin
    expect(reminders('bob')).toHaveLength(0);
    expect(reminders('alice')).toHaveLength(1);
    expect(h.chat.dmsTo('bob').filter((d) => isNudge(d.text))).toHaveLength(1);
    expect(replyText(await h.command('bob', 'rebound', 'reminders on'))).toContain('reminders are on');
    await h.advanceTo(new Date('2026-11-27T20:00:00Z'));
    expect(reminders('bob')).toHaveLength(1);
  });

  it('refuses anything but on or off, with an example', async () => {
    h = await groupHarness({ start: new Date('2026-11-25T12:00:00Z'), zone: 'Europe/Berlin' });
    const reply = replyText(await h.command('alice', 'rebound', 'reminders sometimes'));
    expect(reply).toContain('/rebound reminders off');
    expect(h.store.members.get(h.memberId('alice'))?.checkInReminders).toBe(true);
  });
});
