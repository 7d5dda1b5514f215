/**
 * The neutral message model rendered as Block Kit. Every piece of text goes through
 * `escapeSlackText`, and mrkdwn objects are `verbatim` so Slack does not auto-link channel names or
 * mentions; the only mentions in a rendered message are the `ping` users, written by us.
 */
import type { types as Slack } from '@slack/bolt';
import type { Block, Form, FormField, Message } from '../../src/core/messages.ts';
import { messageToPlainLines } from '../../src/core/messages.ts';
import { escapeSlackText, userMention } from './slack-text.ts';

/** What chat.postMessage, chat.update and respond() take. */
export interface RenderedMessage {
  /** Notification and accessibility fallback. */
  readonly text: string;
  readonly blocks: Slack.KnownBlock[];
}

// Block Kit limits: section text 3000, header 150, button label 75, 10 fields per section,
// 25 elements per actions block, 50 blocks per message.
const SECTION_MAX = 3000;
const HEADER_MAX = 150;
const LABEL_MAX = 75;
const BLOCKS_MAX = 50;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function mrkdwn(text: string): Slack.MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

function plain(text: string, max: number): Slack.PlainTextElement {
  // plain_text is never parsed for mentions; escaping keeps one rule for all text.
  return { type: 'plain_text', text: clip(escapeSlackText(text), max), emoji: true };
}

/** Splits escaped text into section-sized pieces, preferring line breaks. */
function chunks(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = rest.lastIndexOf('\n', max);
    const at = cut > max / 2 ? cut : max;
    out.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, '');
  }
  if (rest.length > 0) out.push(rest);
  return out;
}

function renderBlock(block: Block): Slack.KnownBlock[] {
  switch (block.type) {
    case 'heading':
      return [{ type: 'header', text: plain(block.text, HEADER_MAX) }];
    case 'text':
      return chunks(escapeSlackText(block.text), SECTION_MAX).map((text) => ({ type: 'section', text: mrkdwn(text) }));
    case 'mention':
      return [{ type: 'section', text: mrkdwn(clip(mentionLine(block), SECTION_MAX)) }];
    case 'fields': {
      const sections: Slack.KnownBlock[] = [];
      for (let i = 0; i < block.fields.length; i += 10) {
        sections.push({
          type: 'section',
          fields: block.fields
            .slice(i, i + 10)
            .map((f) => mrkdwn(clip(`*${escapeSlackText(f.label)}*\n${escapeSlackText(f.value)}`, 2000))),
        });
      }
      return sections;
    }
    case 'buttons': {
      const rows: Slack.KnownBlock[] = [];
      for (let i = 0; i < block.buttons.length; i += 25) {
        rows.push({
          type: 'actions',
          elements: block.buttons.slice(i, i + 25).map((b) => {
            const button: Slack.Button = {
              type: 'button',
              action_id: b.actionId,
              value: b.actionId,
              text: plain(b.label, LABEL_MAX),
            };
            return b.style ? { ...button, style: b.style } : button;
          }),
        });
      }
      return rows;
    }
    case 'divider':
      return [{ type: 'divider' }];
  }
}

/** A mention block: the people it names (only valid user ids), then its escaped text. */
function mentionLine(block: Extract<Block, { type: 'mention' }>): string {
  const mentions = block.userIds.flatMap((id) => {
    const mention = userMention(id);
    return mention ? [mention] : [];
  });
  return [...mentions, escapeSlackText(block.text)].filter((part) => part !== '').join(' ');
}

export function renderMessage(message: Message): RenderedMessage {
  const blocks: Slack.KnownBlock[] = [];
  for (const block of message.blocks) blocks.push(...renderBlock(block));
  if (blocks.length > BLOCKS_MAX) {
    blocks.splice(BLOCKS_MAX - 1, blocks.length, { type: 'section', text: mrkdwn('…') });
  }
  const lines = message.blocks.flatMap((block) =>
    block.type === 'mention' ? [mentionLine(block)] : messageToPlainLines({ blocks: [block] }).map(escapeSlackText),
  );
  const text = clip(lines.filter((l) => l.length > 0).join('\n') || ' ', 3900);
  return { text, blocks };
}

function renderField(field: FormField): Slack.InputBlock {
  const base = {
    type: 'input' as const,
    block_id: field.id,
    optional: !field.required,
    label: plain(field.label, 2000),
  };
  const placeholder = field.placeholder ? { placeholder: plain(field.placeholder, 150) } : {};
  switch (field.kind) {
    case 'choice': {
      const options = (field.choices ?? []).slice(0, 100).map((c) => ({ text: plain(c.label, 75), value: c.value }));
      const initial = options.find((o) => o.value === field.initial);
      return {
        ...base,
        element: {
          type: 'static_select',
          action_id: field.id,
          ...placeholder,
          options,
          ...(initial ? { initial_option: initial } : {}),
        },
      };
    }
    case 'number':
      return {
        ...base,
        element: { type: 'number_input', action_id: field.id, is_decimal_allowed: false, ...placeholder },
      };
    case 'short':
    case 'long':
      return {
        ...base,
        element: {
          type: 'plain_text_input',
          action_id: field.id,
          multiline: field.kind === 'long',
          ...placeholder,
          ...(field.maxLength ? { max_length: field.maxLength } : {}),
          ...(field.initial ? { initial_value: field.initial } : {}),
        },
      };
  }
}

/** A form as a modal. `privateMetadata` carries the context Slack leaves out of submissions. */
export function renderForm(form: Form, privateMetadata: string): Slack.ModalView {
  return {
    type: 'modal',
    callback_id: form.formId,
    private_metadata: privateMetadata,
    title: plain(form.title, 24),
    submit: plain(form.submitLabel, 24),
    close: plain('Cancel', 24),
    blocks: form.fields.map(renderField),
  };
}

/** A modal that only shows a message: what a form submission answers privately. */
export function renderNoticeView(title: string, message: Message): Slack.ModalView {
  return {
    type: 'modal',
    title: plain(title, 24),
    close: plain('Close', 24),
    blocks: renderMessage({ blocks: message.blocks }).blocks,
  };
}
