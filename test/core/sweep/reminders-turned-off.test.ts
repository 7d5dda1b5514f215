import { afterEach, describe, expect, it } from 'vitest';
import { replyText } from '../../helpers/world.ts';
import { createGroupWorld, isNudge, isReminder, type GroupWorld } from '../../helpers/world.ts';

let h: GroupWorld;
afterEach(() => h?.close());

const reminders = (user: string) => h.chat.dmsTo(user).filter((d) => isReminder(d.text));

describe('/rebound reminders off|on', () => {
  it('a member who turned reminders off gets none, nudges still come, and on brings them back', async () => {
    h = await createGroupWorld({
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

  it('a paused day still keeps the streak of a member who turned reminders off', async () => {
    h = await createGroupWorld({ start: new Date('2026-11-25T12:00:00Z'), zone: 'Europe/Berlin' });
    await h.command('alice', 'rebound', 'reminders off');
    const reply = async (date: string, text: string) => {
      const thread = await h.store.checkIns.findThread(h.groupId, date);
      if (!thread) throw new Error(`no thread for ${date}`);
      return h.rebound.handle({ kind: 'thread-reply', source: h.source('alice'), threadId: thread.threadId, text });
    };
    await h.advanceTo(new Date('2026-11-26T09:00:00Z'));
    await reply('2026-11-26', 'day one');
    await h.advanceTo(new Date('2026-11-27T07:00:00Z'));
    await h.command('alice', 'rebound', 'pause 1');
    await h.advanceTo(new Date('2026-11-30T09:00:00Z'));
    expect(replyText(await reply('2026-11-30', 'back'))).toContain('2-day streak');
    expect(reminders('alice')).toEqual([]);
  });

  it('a paused day keeps the streak of a member who logged an application that day', async () => {
    h = await createGroupWorld({ start: new Date('2026-11-25T12:00:00Z'), zone: 'Europe/Berlin' });
    const reply = async (date: string, text: string) => {
      const thread = await h.store.checkIns.findThread(h.groupId, date);
      if (!thread) throw new Error(`no thread for ${date}`);
      return h.rebound.handle({ kind: 'thread-reply', source: h.source('alice'), threadId: thread.threadId, text });
    };
    await h.advanceTo(new Date('2026-11-26T09:00:00Z'));
    await reply('2026-11-26', 'day one');
    await h.advanceTo(new Date('2026-11-27T07:00:00Z'));
    await h.command('alice', 'rebound', 'pause 1');
    await h.command('alice', 'applied', 'Acme | SRE');
    await h.advanceTo(new Date('2026-11-30T09:00:00Z'));
    expect(replyText(await reply('2026-11-30', 'back'))).toContain('2-day streak');
  });

  it('refuses anything but on or off, with an example', async () => {
    h = await createGroupWorld({ start: new Date('2026-11-25T12:00:00Z'), zone: 'Europe/Berlin' });
    const reply = replyText(await h.command('alice', 'rebound', 'reminders sometimes'));
    expect(reply).toContain('/rebound reminders off');
    expect((await h.store.members.get(await h.memberId('alice')))?.checkInReminders).toBe(true);
  });
});
