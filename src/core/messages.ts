/**
 * The neutral outbound message model. The core says *what* to show; each adapter renders it to
 * Block Kit, Discord components or terminal lines.
 *
 * Text in a message is plain text, also where it came from users: each adapter's renderer escapes
 * it for its platform, so nothing a member typed can ping anyone. The only way a message mentions
 * someone is a `mention` block naming them by user id.
 */

export interface Button {
  /**
   * The action this button performs, e.g. `fu:done:42`. Opaque to adapters, which carry it as
   * Slack's `action_id`/`value` or Discord's `custom_id` and hand it back on a click. At most 85
   * characters (Discord allows 100, and a button in a DM carries its server in the id too).
   */
  readonly actionId: string;
  readonly label: string;
  readonly style?: 'primary' | 'danger';
}

export type Block =
  | { readonly type: 'heading'; readonly text: string }
  | { readonly type: 'text'; readonly text: string }
  /** Mentions (and pings) exactly these users of the message's platform, followed by plain text. */
  | { readonly type: 'mention'; readonly userIds: readonly string[]; readonly text: string }
  | { readonly type: 'fields'; readonly fields: readonly { readonly label: string; readonly value: string }[] }
  | { readonly type: 'buttons'; readonly buttons: readonly Button[] }
  | { readonly type: 'divider' };

export interface Message {
  readonly blocks: readonly Block[];
}

/** The users a message mentions, in order: the ones its `mention` blocks name. */
export function mentionedUsers(message: Message): string[] {
  return [...new Set(message.blocks.flatMap((b) => (b.type === 'mention' ? b.userIds : [])))];
}

/** A file sent with a message (a chart, an export). */
export interface OutboundFile {
  readonly filename: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
  /** Alt text for images. */
  readonly title?: string;
}

/** One input of a form (Slack modal, Discord modal, console prompt). */
export interface FormField {
  readonly id: string;
  readonly label: string;
  readonly kind: 'short' | 'long' | 'number' | 'choice';
  readonly required: boolean;
  readonly placeholder?: string;
  /** What the field holds when the form opens (an edit form shows what is stored). */
  readonly initial?: string;
  readonly maxLength?: number;
  /** For `choice` fields. */
  readonly choices?: readonly { readonly value: string; readonly label: string }[];
}

export interface Form {
  /** Identifies the form on submission, e.g. `rejected` or `checkin:2026-11-26`. */
  readonly formId: string;
  readonly title: string;
  readonly submitLabel: string;
  readonly fields: readonly FormField[];
}

/**
 * What the core answers to an inbound event. Adapters send it in the context of the event that
 * caused it (ephemeral reply, modal, replacing the clicked message).
 */
export type Reply =
  | { readonly type: 'none' }
  | { readonly type: 'private'; readonly message: Message; readonly files?: readonly OutboundFile[] }
  | { readonly type: 'form'; readonly form: Form }
  /** A form submission with bad fields: field id → what is wrong. Nothing was stored. */
  | { readonly type: 'form-errors'; readonly errors: Readonly<Record<string, string>> }
  /** Replace the message whose button was clicked, and optionally say something privately. */
  | { readonly type: 'replace'; readonly message: Message; readonly privateNote?: Message };

export function textMessage(...paragraphs: string[]): Message {
  return { blocks: paragraphs.map((text) => ({ type: 'text', text }) as const) };
}

export function privateText(...paragraphs: string[]): Reply {
  return { type: 'private', message: textMessage(...paragraphs) };
}

/** Every line of a message as plain text; used for fallbacks and the console. */
export function messageToPlainLines(message: Message): string[] {
  const lines: string[] = [];
  for (const block of message.blocks) {
    switch (block.type) {
      case 'heading':
      case 'text':
      case 'mention':
        lines.push(...block.text.split('\n'));
        break;
      case 'fields':
        for (const f of block.fields) lines.push(`${f.label}: ${f.value}`);
        break;
      case 'buttons':
        break;
      case 'divider':
        lines.push('—');
        break;
    }
  }
  return lines;
}

export function messageButtons(message: Message): Button[] {
  return message.blocks.flatMap((b) => (b.type === 'buttons' ? [...b.buttons] : []));
}
