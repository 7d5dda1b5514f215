import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../src/core/rules.ts';
import { replyText } from '../../helpers/world.ts';
import { createGroupWorld, isReminder, type GroupWorld } from '../../helpers/world.ts';

const WED_NOON = new Date('2026-11-25T12:00:00Z');
const DAY = 24 * 3600_000;
let h: GroupWorld;
afterEach(() => h?.close());

/**
 * Seven weeks of a group's life: bob logs an interview and reports a rejection, the setting (if any) is switched off,
 * he reports another, and every day he presses Done on whatever his nudges list (so chained rules
 * start). Returns the rule ids of everything sent, and the rejection replies.
 */
async function sevenWeeks(switchOff: string | null): Promise<{ sent: Set<string>; replies: string[] }> {
  h = await createGroupWorld({
    start: WED_NOON,
    zone: 'Europe/Berlin',
    members: [{ userId: 'alice' }, { userId: 'bob' }],
  });
  // An interview on Friday plans the pipeline's steps, before any setting changes.
  await h.command('bob', 'interview', 'Initech | QA | 2026-11-27 14:00 | phone');
  const replies = [replyText(await h.command('bob', 'rejected', 'Acme | SRE | final'))];
  if (switchOff) expect(replyText(await h.command('alice', 'rebound', `config ${switchOff} off`))).toContain('Saved');
  replies.push(replyText(await h.command('bob', 'rejected', 'Globex | Data Engineer | screen')));
  const sent = new Set<string>();
  let seen = 0;
  for (let t = WED_NOON.getTime() + DAY; t <= WED_NOON.getTime() + 49 * DAY; t += DAY) {
    await h.advanceTo(new Date(t));
    for (const record of h.chat.sent.slice(seen)) {
      if (record.kind === 'thread-starter') sent.add('check-in');
      if (isReminder(record.text)) sent.add('check-in');
      for (const button of record.buttons) {
        const done = /^fu:done:(\d+)$/.exec(button);
        if (!done) continue;
        const step = await h.store.followUps.get(Number(done[1]));
        if (step) sent.add(step.ruleId);
        if (record.to === 'bob') await h.click('bob', button);
      }
    }
    seen = h.chat.sent.length;
  }
  return { sent, replies };
}

describe('a rule switched off with /rebound config', () => {
  it('with every rule on, seven weeks send something of each rule', async () => {
    const { sent, replies } = await sevenWeeks(null);
    expect([...sent].sort()).toEqual(DEFAULT_RULES.map((r) => r.id).sort());
    for (const rule of DEFAULT_RULES.filter((r) => r.atOnce)) expect(replies[1]).toContain(rule.atOnce);
  }, 60_000);

  for (const rule of DEFAULT_RULES) {
    it(`${rule.id} off: nothing of it is sent, not even steps planned before it was switched off`, async () => {
      const { sent, replies } = await sevenWeeks(rule.id);
      expect(sent.has(rule.id)).toBe(false);
      if (rule.atOnce) expect(replies[1]).not.toContain(rule.atOnce);
    }, 60_000);
  }
});
