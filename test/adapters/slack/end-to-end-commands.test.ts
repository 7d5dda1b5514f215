/** Every command through Slack with the real core: good text is answered, bad text is explained. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SlackResponse } from '../../fakes/slack-requests.ts';
import { acknowledged, buttonIds, startSlackWithCore, texts, type SlackWithCore } from './with-core.ts';

let h: SlackWithCore;
beforeEach(async () => {
  h = await startSlackWithCore();
  await h.command('U1', '/applied', 'Acme | SRE');
  h.rig.api.reset();
});
afterEach(async () => h.stop());

/** The one private answer a command got, in its acknowledgement or through its response_url, as text. */
function privateAnswer(res: SlackResponse): string {
  const answers = [acknowledged(res), ...h.rig.api.callsTo('response_url')].filter((a) => a !== undefined);
  expect(answers).toHaveLength(1);
  expect(answers[0]?.params).toMatchObject({ response_type: 'ephemeral' });
  return texts(answers[0]);
}

describe('Slack commands with the real core', () => {
  it.each([
    ['/update', 'Finished the take-home for Globex'],
    ['/feedback', 'Acme | wanted more depth on system design'],
    ['/followups', ''],
    ['/goal', 'applications 5 | networking 2'],
    ['/stats', ''],
    ['/stats', 'group'],
    ['/rejected', 'Globex | Backend Engineer | final | they chose an internal candidate'],
    ['/rebound', 'help'],
    ['/rebound', 'config'],
    ['/rebound', 'timezone America/New_York'],
    ['/rebound', 'quiet 22-07'],
    ['/rebound', 'visibility counts'],
    ['/rebound', 'pause 7'],
    ['/rebound', 'resume'],
    ['/rebound', 'join'],
    ['/rebound', 'leave'],
  ])('answers %s %s privately', async (name, text) => {
    const res = await h.command('U1', name, text);
    expect(res.status).toBe(200);
    const answer = privateAnswer(res);
    expect(answer).not.toMatch(/went wrong/i);
    expect(answer).not.toContain('For example');
  });

  it.each([
    ['/update', ''],
    ['/feedback', 'Acme'],
    ['/feedback', 'Nowhere Inc | nice people'],
    ['/applied', `${'x'.repeat(101)} | SRE`],
    ['/rejected', `Acme | SRE | ${'n'.repeat(1001)}`],
    ['/goal', 'applications lots'],
    ['/rebound', 'timezone Mars/Olympus_Mons'],
    ['/rebound', 'quiet whenever'],
    ['/rebound', 'pause forever'],
  ])('explains %s %s privately with an example, and posts nothing', async (name, text) => {
    const before = JSON.stringify(await h.store.applications.listByMember((await h.member('U1')).id));
    expect(privateAnswer(await h.command('U1', name, text))).toContain('For example');
    expect(h.rig.api.callsTo('chat.postMessage')).toEqual([]);
    expect(JSON.stringify(await h.store.applications.listByMember((await h.member('U1')).id))).toBe(before);
  });

  it('sends /rebound export as files in the person’s DM, with a private note where they asked', async () => {
    const res = await h.command('U1', '/rebound', 'export');
    // Files cannot travel in an acknowledgement: the note goes through the response_url.
    expect(res.text).toBe('');
    expect(privateAnswer(res)).toContain('rebound-export.json');
    expect(h.rig.api.callsTo('conversations.open')[0]?.params['users']).toBe('U1');
    const uploads = h.rig.api.callsTo('files.getUploadURLExternal').map((c) => c.params['filename']);
    expect(uploads).toContain('rebound-export.json');
    expect(h.rig.api.callsTo('upload')).toHaveLength(uploads.length);
    expect(h.rig.api.callsTo('files.completeUploadExternal')[0]?.params).toMatchObject({ channel_id: 'D1' });
  });

  it('asks before /rebound forget-me and deletes only after the owner confirms with the button', async () => {
    const ask = h.answer(await h.command('U1', '/rebound', 'forget-me'));
    const confirm = buttonIds(ask).find((id) => id !== buttonIds(ask).at(-1));
    if (!confirm) throw new Error('no confirmation button');
    await h.click('U2', confirm, { channel: 'C1', ts: '1700000001.000100' });
    expect((await h.member('U1')).active).toBe(true);
    await h.click('U1', confirm, { channel: 'C1', ts: '1700000001.000100' });
    await expect(h.member('U1')).rejects.toThrow();
    expect(h.rig.api.callsTo('response_url').at(-1)?.params['replace_original']).toBe(true);
  });
});
