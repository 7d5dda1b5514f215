/** /followups on Slack with the real core: a press replaces the private list, whose other buttons keep working. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buttonIds, DAY, startSlackWithCore, texts, type SlackWithCore } from './with-core.ts';

let h: SlackWithCore;
beforeEach(async () => {
  h = await startSlackWithCore();
  await h.command('U1', '/rejected', 'Acme | SRE | interview');
  h.clock.advance(5 * DAY);
  h.rig.api.reset();
});
afterEach(async () => h.stop());

it('replaces the private list with the pressed step’s outcome, and its other steps keep their buttons', async () => {
  const list = h.answer(await h.command('U1', '/followups', ''));
  const done = buttonIds(list).filter((id) => id.startsWith('fu:done:'));
  expect(done.length).toBeGreaterThanOrEqual(2);
  const [first, second] = done;
  await h.click('U1', first ?? '', { channel: 'C1', ts: '1700000001.000100' });
  const redrawn = h.rig.api.callsTo('response_url').at(-1);
  expect(redrawn?.params['replace_original']).toBe(true);
  expect(texts(redrawn)).toContain('✓ Done:');
  expect(buttonIds(redrawn)).toContain(second);
  await h.click('U1', second ?? '', { channel: 'C1', ts: '1700000001.000100' });
  expect((await h.store.followUps.get(Number(second?.split(':')[2])))?.status).toBe('done');
  expect(h.rig.api.callsTo('response_url').at(-1)?.params['replace_original']).toBe(true);
});
