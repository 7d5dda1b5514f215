import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_USER_ID } from './harness.ts';
import { directMessageEnvelope, startSlackWithCore, texts, type SlackWithCore } from './with-core.ts';

let h: SlackWithCore;
let eventId = 0;
beforeEach(async () => {
  h = await startSlackWithCore();
});
afterEach(async () => h.stop());

const dm = (user: string, text: string, extra: object = {}) =>
  directMessageEnvelope(user, text, `EvDM${++eventId}`, extra);

describe('a message written to the bot in its Slack DM', () => {
  it('is answered in the DM with the commands that work there', async () => {
    await h.rig.slack.event(dm('U1', 'hello? how do I use this'));
    const answer = h.rig.api.callsTo('chat.postMessage').at(-1);
    expect(texts(answer)).toMatch(/commands work in this DM/);
    expect(texts(answer)).toContain('/followups');
    expect(texts(answer)).toContain('/rebound pause');
    expect(texts(answer)).not.toContain('/applied');
    expect(h.rig.api.callsTo('chat.postEphemeral')).toEqual([]);
  });

  it('never answers the bot itself, another bot or an edited message', async () => {
    await h.rig.slack.event(dm(BOT_USER_ID, 'a nudge', { bot_id: 'BBOT' }));
    await h.rig.slack.event(dm('UOTHERBOT', 'beep', { bot_id: 'B9', subtype: 'bot_message' }));
    await h.rig.slack.event(dm('U1', 'edited', { subtype: 'message_changed' }));
    expect(h.rig.api.callsTo('chat.postMessage')).toEqual([]);
  });

  it('is subscribed to in the manifest, with the scope it needs', () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../../adapters/slack/manifest.json', import.meta.url), 'utf8'),
    );
    expect(manifest.settings.event_subscriptions.bot_events).toContain('message.im');
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['im:history', 'im:write']));
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
  });
});
