import { afterEach, describe, expect, it } from 'vitest';
import { createWorld, buttonsOf, replyText, type World } from '../helpers/world.ts';

describe('a nudge with more due steps than one message can give buttons to', () => {
  let h: World;
  afterEach(() => h.close());

  it('shows four steps with their buttons and a button that opens the whole list privately', async () => {
    h = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await h.command({ userId: 'alice', timezone: 'Europe/Berlin' }, 'rebound', 'setup 09:00 Europe/Berlin');
    await h.command('alice', 'rebound', 'pause 3');
    for (const company of ['Acme', 'Globex', 'Initech']) await h.command('alice', 'rejected', `${company} | SRE`);
    await h.advanceTo(new Date('2026-11-28T12:00:00Z'));
    const nudge = h.chat.dmsTo('alice').filter((d) => /from your plan/.test(d.text))[0];
    expect(nudge?.text).toMatch(/6 steps from your plan are due/);
    expect(nudge?.text).toContain('…and 2 more due.');
    const steps = (nudge?.buttons ?? []).filter((b) => /^fu:(done|snooze|skip):/.test(b));
    expect(steps).toHaveLength(12);
    const all = (nudge?.buttons ?? []).find((b) => b.startsWith('fu:list:')) ?? '';
    const list = await h.click('alice', all, { messageId: nudge?.sent.messageId, channelId: nudge?.sent.channelId });
    expect(list.type).toBe('private'); // the nudge stays; it may be in the group channel
    expect(replyText(list)).toMatch(/Due now \(6\), page 1 of 2/);
    expect(buttonsOf(list)).toContain(`fu:page:${all.split(':')[2]}:2`);
  });
});
