import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonIds, posted, startSlackWithCore, texts, type SlackWithCore } from './with-core.ts';

describe('Undo through Slack with the real core', () => {
  let h: SlackWithCore;
  beforeEach(async () => {
    h = await startSlackWithCore();
  });
  afterEach(async () => h.stop());

  it('deletes the group post with chat.delete and answers in place of the reply', async () => {
    const res = await h.command('U1', '/rejected', 'Acme | Backend Engineer | interview');
    const groupPost = h.rig.api.callsTo('chat.postMessage').find((c) => c.params['channel'] === 'C1');
    expect(texts(groupPost)).toContain('Acme');
    const undo = buttonIds(h.answer(res)).find((id) => id.startsWith('undo:'));
    if (!undo) throw new Error('the reply has no Undo button');

    await h.click('U1', undo, { channel: 'C1', ts: '1700000001.000100' });
    expect(h.rig.api.callsTo('chat.delete').map((c) => c.params)).toEqual([
      expect.objectContaining({ channel: 'C1', ts: posted(groupPost).ts }),
    ]);
    const answer = h.rig.api.callsTo('response_url').at(-1);
    expect(answer?.params['replace_original']).toBe(true);
    expect(texts(answer)).toContain('Undone: your rejection from Acme is removed');
    expect(await h.store.rejections.listByMember((await h.member('U1')).id)).toEqual([]);
  });
});
