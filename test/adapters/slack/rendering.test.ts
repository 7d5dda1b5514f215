import { describe, expect, it } from 'vitest';
import type { Message } from '../../../src/core/messages.ts';
import { renderForm, renderMessage } from '../../../adapters/slack/rendering.ts';
import { decodeFormContext, encodeFormContext } from '../../../adapters/slack/ids.ts';
import { escapeSlackText, slackMarkupToPlain } from '../../../adapters/slack/slack-text.ts';

describe('Slack rendering', () => {
  it('escapes &, < and > in every text of a message', () => {
    const message: Message = {
      blocks: [
        { type: 'heading', text: 'R&D <!here>' },
        { type: 'text', text: '<!channel> and <@U123> & co' },
        { type: 'fields', fields: [{ label: '<b>', value: '<!everyone>' }] },
        { type: 'buttons', buttons: [{ actionId: 'fu:done:1', label: '<@U9> done' }] },
      ],
    };
    const json = JSON.stringify(renderMessage(message));
    expect(json).not.toMatch(/<[!@#]/);
    expect(json).toContain('&lt;!channel&gt; and &lt;@U123&gt; &amp; co');
    expect(json).toContain('R&amp;D &lt;!here&gt;');
  });

  it('mentions exactly the users of the mention block, and nobody else', () => {
    const rendered = renderMessage({
      blocks: [
        { type: 'mention', userIds: ['U1', 'U2'], text: '' },
        { type: 'text', text: 'Your DMs are closed, @everyone <!here>' },
      ],
    });
    expect(rendered.text.startsWith('<@U1> <@U2>')).toBe(true);
    expect(JSON.stringify(rendered).match(/<@[A-Z0-9]+>/g)).toEqual(['<@U1>', '<@U2>', '<@U1>', '<@U2>']);
  });

  it('drops a mention that is not a Slack user id instead of writing it into the message', () => {
    const rendered = renderMessage({ blocks: [{ type: 'mention', userIds: ['!channel', 'U1> <!here'], text: 'hi' }] });
    expect(JSON.stringify(rendered)).not.toContain('<!');
    expect(rendered.text).toBe('hi');
  });

  it('marks mrkdwn verbatim so Slack does not link channel names or mentions by itself', () => {
    const rendered = renderMessage({ blocks: [{ type: 'text', text: 'see #general' }] });
    expect(rendered.blocks[0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: 'see #general', verbatim: true },
    });
  });

  it('carries a button’s action id as both action_id and value', () => {
    const rendered = renderMessage({
      blocks: [{ type: 'buttons', buttons: [{ actionId: 'fu:snooze:42', label: 'Snooze 2d', style: 'primary' }] }],
    });
    expect(rendered.blocks[0]).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'fu:snooze:42',
          value: 'fu:snooze:42',
          style: 'primary',
          text: { type: 'plain_text', text: 'Snooze 2d', emoji: true },
        },
      ],
    });
  });

  it('splits text longer than a section allows and keeps within 50 blocks', () => {
    const long = renderMessage({ blocks: [{ type: 'text', text: 'x'.repeat(7000) }] });
    expect(long.blocks).toHaveLength(3);
    const many = renderMessage({ blocks: Array.from({ length: 80 }, () => ({ type: 'divider' }) as const) });
    expect(many.blocks).toHaveLength(50);
  });
});

describe('Slack text and ids', () => {
  it('turns Slack markup into plain text and back without letting it ping', () => {
    const plain = slackMarkupToPlain('<!here> <@U1|ana> <#C1|jobs> <https://a.example|Acme> &lt;tag&gt; &amp;');
    expect(plain).toBe('@here @ana #jobs Acme (https://a.example) <tag> &');
    expect(escapeSlackText(plain)).toBe('@here @ana #jobs Acme (https://a.example) &lt;tag&gt; &amp;');
  });

  it('round-trips the form context kept in private_metadata', () => {
    expect(decodeFormContext(encodeFormContext({ channelId: 'C1', channelName: 'job-hunt' }))).toEqual({
      channelId: 'C1',
      channelName: 'job-hunt',
    });
    expect(decodeFormContext('shhh-its-secret')).toBeNull();
  });
});

describe('Slack forms', () => {
  it('show what an edit form holds: initial_value on text inputs, initial_option on a select', () => {
    const view = renderForm(
      {
        formId: 'appedit:7',
        title: 'Edit',
        submitLabel: 'Save',
        fields: [
          { id: 'company', label: 'Company', kind: 'short', required: true, initial: 'Acme' },
          { id: 'link', label: 'Link', kind: 'short', required: false, initial: '' },
          {
            id: 'visibility',
            label: 'Visibility',
            kind: 'choice',
            required: true,
            initial: 'counts',
            choices: [
              { value: 'shared', label: 'shared' },
              { value: 'counts', label: 'counts' },
            ],
          },
        ],
      },
      'ctx',
    );
    const [company, link, visibility] = view.blocks.map((b) => ('element' in b ? b.element : null)) as {
      initial_value?: string;
      initial_option?: { value: string };
    }[];
    expect(company?.initial_value).toBe('Acme');
    expect(link?.initial_value).toBeUndefined();
    expect(visibility?.initial_option?.value).toBe('counts');
  });
});
