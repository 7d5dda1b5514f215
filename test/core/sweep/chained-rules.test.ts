import { afterEach, describe, expect, it } from 'vitest';
import { createGroupWorld, type GroupWorld, isNudge } from '../../helpers/world.ts';

let h: GroupWorld;
afterEach(() => h?.close());

const steps = async (ruleId: string) =>
  (
    await h.store.followUps.listByMember(await h.memberId('alice'), [
      'pending',
      'snoozed',
      'done',
      'skipped',
      'cancelled',
    ])
  ).filter((f) => f.ruleId === ruleId);

describe('chained and conditional rules in the sweep', () => {
  it('nudges log-feedback 7 days after request-feedback is marked done, at 10:00 local', async () => {
    h = await createGroupWorld({ start: new Date('2026-11-25T12:00:00Z'), zone: 'Europe/Berlin' });
    await h.command('alice', 'rejected', 'Acme | SRE | final');
    await h.advanceTo(new Date('2026-11-26T09:30:00Z'));
    const [request] = await steps('request-feedback');
    if (!request) throw new Error('no feedback request');
    await h.click('alice', `fu:done:${request.id}`);
    const [log] = await steps('log-feedback');
    expect(log?.dueAt.toISOString()).toBe('2026-12-03T09:00:00.000Z');
    await h.advanceTo(new Date('2026-12-03T12:00:00Z'));
    expect(await h.sentAt(`nudge:${log?.id}:${log?.dueAt.getTime()}`)).toBe('2026-12-03T09:00:00.000Z');
  });

  it('keeps the +7 day keep-applying step when the only application since came from another rejection report', async () => {
    h = await createGroupWorld({ start: new Date('2026-11-25T12:00:00Z'), zone: 'Europe/Berlin' });
    await h.command('alice', 'rejected', 'Acme | SRE | final');
    h.clock.advance(3600_000);
    await h.command('alice', 'rejected', 'Globex | SRE | screen');
    await h.advanceTo(new Date('2026-12-02T12:00:00Z'));
    expect((await steps('keep-applying')).map((f) => f.status)).toEqual(['pending', 'pending']);
    expect(
      h.chat.dmsTo('alice').filter((d) => isNudge(d.text) && /Line up your next application/.test(d.text)),
    ).toHaveLength(1);
  });

  it('sends stay-in-touch three times at most, 90 days apart', { timeout: 60_000 }, async () => {
    h = await createGroupWorld({ start: new Date('2026-11-25T12:00:00Z'), zone: 'Europe/Berlin' });
    await h.command('alice', 'rejected', 'Acme | SRE | final');
    await h.advanceTo(new Date('2027-12-31T12:00:00Z'));
    const sent = await Promise.all(
      (await steps('stay-in-touch')).map((f) => h.sentAt(`nudge:${f.id}:${f.dueAt.getTime()}`)),
    );
    expect(sent).toEqual(['2027-01-09T09:00:00.000Z', '2027-04-09T08:00:00.000Z', '2027-07-08T08:00:00.000Z']);
  });
});
