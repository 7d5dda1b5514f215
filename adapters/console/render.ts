/** Terminal rendering: every printed line starts with where it went; buttons and posts get short ids. */
import type { Form, Message } from '../../src/core/messages.ts';
import { neutraliseMentions } from './neutralise.ts';

export interface Registry {
  /** Registers a button and returns its short id (`b12`). */
  button(actionId: string, messageId: string | null, channelId: string): string;
}

export function renderMessage(
  message: Message,
  registry: Registry,
  where: { messageId: string | null; channelId: string },
  postLabel?: string,
): string[] {
  const lines: string[] = [];
  // All text is neutralised here: only a mention block names someone (`@alice`).
  const safe = (text: string) => neutraliseMentions(text);
  for (const block of message.blocks) {
    switch (block.type) {
      case 'heading':
        lines.push(
          ...safe(block.text)
            .split('\n')
            .map((l) => `** ${l} **`),
        );
        break;
      case 'text':
        lines.push(...safe(block.text).split('\n'));
        break;
      case 'mention':
        lines.push(...[...block.userIds.map((u) => `@${u}`), safe(block.text)].join(' ').split('\n'));
        break;
      case 'fields':
        for (const f of block.fields) lines.push(`${safe(f.label)}: ${safe(f.value)}`);
        break;
      case 'divider':
        lines.push('—');
        break;
      case 'buttons':
        lines.push(
          block.buttons
            .map((b) => `[${safe(b.label)} ${registry.button(b.actionId, where.messageId, where.channelId)}]`)
            .join(' '),
        );
        break;
    }
  }
  if (lines.length === 0) lines.push('');
  if (postLabel) lines[0] = `${lines[0]} (post ${postLabel})`;
  return lines;
}

export function renderForm(form: Form, shortId: string): string[] {
  const fields = form.fields.map(
    (f) =>
      `${f.id}${f.required ? '*' : ''}${f.choices ? ` (${f.choices.map((c) => c.value).join('/')})` : ''}${f.initial ? ` [now: ${f.initial}]` : ''}`,
  );
  return [
    `Form ${shortId}: ${form.title} — ${fields.join(', ')}`,
    `Fill it in with :submit ${shortId} ${form.fields
      .map((f) => `${f.id}=…`)
      .slice(0, 2)
      .join(' | ')}`,
  ];
}

/** Prefixes each line; `when` (during a clock jump) says at what simulated time it was sent. */
export function prefixed(prefix: string, lines: readonly string[], when?: string): string {
  return lines.map((l) => `${prefix}${when ? ` ${when} ·` : ''} ${l}`.trimEnd()).join('\n');
}
