import { afterEach, describe, expect, it } from 'vitest';
import { replyText } from '../../helpers/world.ts';
import { createGroupWorld, type GroupWorld } from '../../helpers/world.ts';

let h: GroupWorld;
afterEach(() => h?.close());

const THURSDAY = '2026-11-26';

async function submitForm(fields: Record<string, string>) {
  return h.rebound.handle({
    kind: 'form-submit',
    source: h.source('alice'),
    formId: `checkin:${h.groupId}:${THURSDAY}`,
    fields,
  });
}

describe('checking in twice on one day', () => {
  it('a second form replaces the day’s check-in and says it was updated', async () => {
    h = await createGroupWorld({ start: new Date('2026-11-25T12:00:00Z'), zone: 'Europe/Berlin' });
    await h.advanceTo(new Date('2026-11-26T09:00:00Z'));
    const first = await submitForm({ applications: '3', networking: '1', followups: '2', note: 'morning' });
    expect(replyText(first)).toContain('Checked in for');
    const second = await submitForm({ applications: '4', networking: '0', followups: '1', note: 'evening' });
    expect(replyText(second)).toMatch(/updated/i);
    expect(await h.store.checkIns.find(await h.memberId('alice'), THURSDAY)).toMatchObject({
      applications: 4,
      networking: 0,
      followUpsDone: 1,
      note: 'evening',
    });
  });

  it('a thread reply after the form adds its note and leaves the numbers as they were', async () => {
    h = await createGroupWorld({ start: new Date('2026-11-25T12:00:00Z'), zone: 'Europe/Berlin' });
    await h.advanceTo(new Date('2026-11-26T09:00:00Z'));
    await submitForm({ applications: '3', networking: '1', followups: '0', note: 'morning' });
    const thread = await h.store.checkIns.findThread(h.groupId, THURSDAY);
    if (!thread) throw new Error('no thread');
    await h.rebound.handle({
      kind: 'thread-reply',
      source: h.source('alice'),
      threadId: thread.threadId,
      text: 'and a coffee chat booked',
    });
    const day = await h.store.checkIns.find(await h.memberId('alice'), THURSDAY);
    expect(day).toMatchObject({ applications: 3, networking: 1, followUpsDone: 0 });
    expect(day?.note).toContain('morning');
    expect(day?.note).toContain('and a coffee chat booked');
  });
});
