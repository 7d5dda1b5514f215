import { afterEach, describe, expect, it } from 'vitest';
import { createGroupWorld, type GroupWorld, isNudge, isReminder } from '../../helpers/world.ts';

const WED_NOON = new Date('2026-11-25T12:00:00Z'); // Wednesday, 13:00 in Berlin
let h: GroupWorld;
afterEach(() => h?.close());

const berlinGroup = () =>
  createGroupWorld({ start: WED_NOON, zone: 'Europe/Berlin', members: [{ userId: 'alice' }, { userId: 'bob' }] });

async function threadOf(date: string) {
  const thread = await h.store.checkIns.findThread(h.groupId, date);
  if (!thread) throw new Error(`no check-in thread for ${date}`);
  return thread.threadId;
}

describe('the daily check-in', () => {
  it('opens one thread per check-in day at the group’s check-in time, and none at weekends', async () => {
    h = await berlinGroup();
    await h.advanceTo(new Date('2026-11-30T12:00:00Z'));
    await h.rebound.sweep();
    const starters = h.chat.sent.filter((s) => s.kind === 'thread-starter');
    expect(starters.map((s) => s.threadName)).toEqual([
      'Check-in 2026-11-26',
      'Check-in 2026-11-27',
      'Check-in 2026-11-30',
    ]);
    expect(starters[0]?.buttons).toEqual([`checkin:open:${h.groupId}:2026-11-26`]);
    expect(await h.sentAt(`checkin:${h.groupId}:2026-11-26`)).toBe('2026-11-26T08:00:00.000Z');
    expect(await h.sentAt(`checkin:${h.groupId}:2026-11-30`)).toBe('2026-11-30T08:00:00.000Z');
  });

  it('counts a reply in the day’s thread as the author’s check-in and update, and reminds only the silent member at reminder time', async () => {
    h = await berlinGroup();
    await h.advanceTo(new Date('2026-11-26T08:30:00Z'));
    const reply = await h.reply('alice', await threadOf('2026-11-26'), 'Sent two applications');
    expect(reply.type).toBe('private');
    expect(await h.store.checkIns.find(await h.memberId('alice'), '2026-11-26')).toMatchObject({
      source: 'thread',
      note: 'Sent two applications',
    });
    expect((await h.store.updates.listByMember(await h.memberId('alice'))).map((u) => [u.source, u.text])).toEqual([
      ['thread', 'Sent two applications'],
    ]);
    await h.advanceTo(new Date('2026-11-26T16:00:00Z'));
    expect(h.chat.dmsTo('bob').filter((d) => isReminder(d.text))).toHaveLength(1);
    expect(h.chat.dmsTo('alice').filter((d) => isReminder(d.text))).toHaveLength(0);
    expect(await h.sentAt(`reminder:${await h.memberId('bob')}:2026-11-26`)).toBe('2026-11-26T15:00:00.000Z');
  });

  it('ignores a reply in a thread of another channel whose thread id is the check-in thread’s', async () => {
    h = await berlinGroup();
    await h.advanceTo(new Date('2026-11-26T08:30:00Z'));
    // A Slack thread is its parent's `ts`, unique only within the channel.
    const reply = await h.reply('alice', await threadOf('2026-11-26'), 'Sent two applications', { channelId: 'C9' });
    expect(reply.type).toBe('none');
    expect(await h.store.checkIns.find(await h.memberId('alice'), '2026-11-26')).toBeNull();
  });

  it('opens the form from the Check in button and from /checkin, and a submitted form is a check-in with its streak', async () => {
    h = await berlinGroup();
    const submit = async (date: string) => {
      const opened = await h.click('alice', `checkin:open:${h.groupId}:${date}`);
      if (opened.type !== 'form') throw new Error('the button did not open the form');
      return h.submit('alice', opened.form.formId, {
        applications: '2',
        networking: '1',
        followups: '0',
        note: 'Good day',
      });
    };
    await h.advanceTo(new Date('2026-11-26T09:00:00Z'));
    await submit('2026-11-26');
    await h.advanceTo(new Date('2026-11-27T09:00:00Z'));
    await submit('2026-11-27');
    await h.advanceTo(new Date('2026-11-30T09:00:00Z'));
    const form = await h.command('alice', 'checkin');
    expect(form.type === 'form' && form.form.formId).toBe(`checkin:${h.groupId}:2026-11-30`);
    const third = await submit('2026-11-30');
    expect(
      third.type === 'private' && third.message.blocks.map((b) => ('text' in b ? b.text : '')).join(' '),
    ).toContain('3-day streak');
    expect(await h.store.checkIns.find(await h.memberId('alice'), '2026-11-30')).toMatchObject({
      source: 'form',
      applications: 2,
      networking: 1,
      followUpsDone: 0,
      note: 'Good day',
    });
  });

  it('refuses a bad count in the form, field by field, and stores nothing', async () => {
    h = await berlinGroup();
    await h.advanceTo(new Date('2026-11-26T09:00:00Z'));
    const reply = await h.submit('alice', `checkin:${h.groupId}:2026-11-26`, { applications: 'lots' });
    expect(reply.type).toBe('form-errors');
    expect(await h.store.checkIns.find(await h.memberId('alice'), '2026-11-26')).toBeNull();
  });

  it('sends no reminder to a paused member, and the paused day does not break their streak', async () => {
    h = await berlinGroup();
    await h.advanceTo(new Date('2026-11-26T09:00:00Z'));
    await h.reply('alice', await threadOf('2026-11-26'), 'day one');
    await h.advanceTo(new Date('2026-11-27T07:00:00Z'));
    await h.command('alice', 'rebound', 'pause 1');
    await h.advanceTo(new Date('2026-11-30T09:00:00Z'));
    expect(h.chat.dmsTo('alice').filter((d) => isReminder(d.text))).toHaveLength(0);
    expect(h.chat.dmsTo('bob').filter((d) => isReminder(d.text))).toHaveLength(2);
    const reply = await h.reply('alice', await threadOf('2026-11-30'), 'back');
    expect(reply.type === 'private' && JSON.stringify(reply.message)).toContain('2-day streak');
  });

  it('holds a reminder through the member’s quiet hours and sends it when they end', async () => {
    h = await berlinGroup();
    await h.command('bob', 'rebound', 'quiet 15-18');
    await h.advanceTo(new Date('2026-11-26T16:59:00Z'));
    expect(h.chat.dmsTo('bob').filter((d) => isReminder(d.text))).toHaveLength(0);
    await h.advanceTo(new Date('2026-11-26T17:01:00Z'));
    expect(await h.sentAt(`reminder:${await h.memberId('bob')}:2026-11-26`)).toBe('2026-11-26T17:00:00.000Z');
  });

  it('drops a reminder missed by more than 12 hours, and never posts a missed check-in on a later day', async () => {
    h = await berlinGroup();
    h.clock.set(new Date('2026-11-27T05:00:00Z')); // the bot was down from Wednesday until Friday 06:00 Berlin
    await h.rebound.sweep();
    expect(h.chat.sent).toEqual([]);
    h.clock.set(new Date('2026-11-27T08:00:00Z'));
    await h.rebound.sweep();
    expect(h.chat.sent.map((s) => s.threadName)).toEqual(['Check-in 2026-11-27']);
  });

  it('after three days of downtime, one sweep sends one nudge per member and only today’s check-in post', async () => {
    h = await berlinGroup();
    await h.command('alice', 'rejected', 'Acme | SRE | final');
    await h.command('bob', 'rejected', 'Globex | Data Engineer | interview');
    h.clock.set(new Date('2026-11-30T12:00:00Z')); // Monday; down since Wednesday
    await h.rebound.sweep();
    expect(h.chat.sent.filter((s) => s.kind === 'thread-starter').map((s) => s.threadName)).toEqual([
      'Check-in 2026-11-30',
    ]);
    for (const user of ['alice', 'bob']) {
      const nudges = h.chat.dmsTo(user).filter((d) => isNudge(d.text));
      expect(nudges).toHaveLength(1);
      expect(nudges[0]?.text).toMatch(/Ask for feedback/);
      expect(nudges[0]?.text).toMatch(/Connect with people/);
      expect(nudges[0]?.text).toMatch(/One networking step this week/);
    }
    await h.rebound.sweep();
    expect(h.chat.dmsTo('alice').filter((d) => isNudge(d.text))).toHaveLength(1);
  });
});
