/**
 * The neutral message model rendered for Discord: text as message content (an embed when it is
 * too long for content), buttons as action rows whose `custom_id` is the core's action id, and
 * allowed mentions that ping exactly the users the message names in `ping`, nobody else.
 */
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  TextInputStyle,
  type APIActionRowComponent,
  type APIAllowedMentions,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APILabelComponent,
  type APIModalInteractionResponseCallbackData,
  type AttachmentPayload,
  type RawFile,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord.js';
import {
  mentionedUsers,
  type Block,
  type Button,
  type Form,
  type FormField,
  type Message,
  type OutboundFile,
} from '../../src/core/messages.ts';
import { encodeCustomId } from './custom-ids.ts';

const CONTENT_MAX = 2000;
const EMBED_DESCRIPTION_MAX = 4096;
const EMBEDS_MAX = 10;
const BUTTONS_PER_ROW = 5;
const ROWS_MAX = 5;
const BUTTON_LABEL_MAX = 80;
const MODAL_TITLE_MAX = 45;
const LABEL_MAX = 45;
const PLACEHOLDER_MAX = 100;
const MODAL_COMPONENTS_MAX = 5;

export interface RenderedMessage {
  readonly content: string;
  readonly embeds: APIEmbed[];
  readonly components: APIActionRowComponent<APIButtonComponentWithCustomId>[];
  readonly pings: string[];
}

export interface RenderOptions {
  /** Set when the message goes by DM: its buttons then carry the guild they belong to. */
  readonly dmWorkspaceId?: string;
}

export function renderMessage(message: Message, options: RenderOptions = {}): RenderedMessage {
  const pings = mentionedUsers(message).filter((id) => SNOWFLAKE.test(id));
  const steps = numberSteps(message.blocks);
  const body = message.blocks
    .flatMap((block, i) => renderBlock(block).map((line) => (steps.has(i) ? `${steps.get(i)} ${line}` : line)))
    .join('\n');
  const components = renderButtons(message.blocks, steps, options.dmWorkspaceId);

  if (body.length <= CONTENT_MAX) return { content: body, embeds: [], components, pings };
  return {
    // Mentions in an embed do not ping: the people named stay in the content.
    content: pings.map((id) => `<@${id}>`).join(' '),
    embeds: chunk(body, EMBED_DESCRIPTION_MAX, EMBEDS_MAX).map((description) => ({ description })),
    components,
    pings,
  };
}

/**
 * Discord's mention syntax neutralised in text: `@everyone`, `@here`, user, role and channel
 * mentions. Allowed mentions would stop a ping anyway, but the text should not even look like one.
 */
const SNOWFLAKE = /^\d{1,20}$/;

export function escapeMentions(text: string): string {
  return text.replace(/@(everyone|here)/g, '@\u200b$1').replace(/<(@[!&]?|#)(\d+)>/g, '<$1\u200b$2>');
}

function renderBlock(block: Block): string[] {
  switch (block.type) {
    case 'heading':
      return [`**${escapeMentions(block.text)}**`];
    case 'text':
      return [escapeMentions(block.text)];
    case 'mention':
      return [
        [...block.userIds.filter((id) => SNOWFLAKE.test(id)).map((id) => `<@${id}>`), escapeMentions(block.text)]
          .filter((part) => part !== '')
          .join(' '),
      ];
    case 'fields':
      return block.fields.map((f) => `**${escapeMentions(f.label)}:** ${escapeMentions(f.value)}`);
    case 'divider':
      return ['───'];
    case 'buttons':
      return [];
  }
}

/** Keycap emoji that number a message's steps, on their headings and on their buttons. */
const KEYCAPS = ['1️⃣', '2️⃣', '3️⃣', '4️⃣', '5️⃣', '6️⃣', '7️⃣', '8️⃣', '9️⃣', '🔟'];

/**
 * Discord puts every button below the text. When a message holds several steps, each a heading with
 * its own buttons, each heading and its buttons carry the same keycap, so a row shows which step it
 * acts on. Block index → keycap.
 */
function numberSteps(blocks: readonly Block[]): Map<number, string> {
  const steps = new Map<number, string>();
  let count = 0;
  let heading: number | null = null;
  blocks.forEach((block, i) => {
    if (block.type === 'heading') heading = i;
    if (block.type === 'buttons' && heading !== null) {
      const keycap = KEYCAPS[count++];
      if (keycap) steps.set(heading, keycap).set(i, keycap);
      heading = null;
    }
  });
  return count < 2 ? new Map() : steps;
}

function renderButtons(
  blocks: readonly Block[],
  steps: ReadonlyMap<number, string>,
  dmWorkspaceId: string | undefined,
): RenderedMessage['components'] {
  const rows: RenderedMessage['components'] = [];
  for (const [index, block] of blocks.entries()) {
    if (block.type !== 'buttons') continue;
    const keycap = steps.get(index);
    for (let i = 0; i < block.buttons.length; i += BUTTONS_PER_ROW) {
      const buttons = block.buttons.slice(i, i + BUTTONS_PER_ROW).map((b) => renderButton(b, dmWorkspaceId, keycap));
      rows.push({ type: ComponentType.ActionRow, components: buttons });
    }
  }
  return rows.slice(0, ROWS_MAX);
}

function renderButton(
  button: Button,
  dmWorkspaceId: string | undefined,
  keycap?: string,
): APIButtonComponentWithCustomId {
  const style =
    button.style === 'primary'
      ? ButtonStyle.Primary
      : button.style === 'danger'
        ? ButtonStyle.Danger
        : ButtonStyle.Secondary;
  return {
    type: ComponentType.Button,
    style,
    label: truncate(button.label, BUTTON_LABEL_MAX),
    custom_id: encodeCustomId(button.actionId, dmWorkspaceId),
    ...(keycap && { emoji: { name: keycap } }),
  };
}

export function allowedMentions(rendered: RenderedMessage): APIAllowedMentions {
  return { parse: [], users: rendered.pings };
}

/** The body of `POST /channels/:id/messages` (and of `PATCH` on a message). */
export function toCreateBody(
  rendered: RenderedMessage,
  files: readonly OutboundFile[] = [],
): RESTPostAPIChannelMessageJSONBody {
  return {
    content: rendered.content,
    embeds: rendered.embeds,
    components: rendered.components,
    allowed_mentions: allowedMentions(rendered),
    ...(files.length > 0 && {
      attachments: files.map((f, id) => ({ id, filename: f.filename, ...(f.title && { description: f.title }) })),
    }),
  };
}

export function toRawFiles(files: readonly OutboundFile[] = []): RawFile[] {
  return files.map((f) => ({ name: f.filename, data: Buffer.from(f.bytes), contentType: f.mimeType }));
}

/** A private (ephemeral) interaction answer. */
export function toEphemeralReply(
  rendered: RenderedMessage,
  files: readonly OutboundFile[] = [],
): InteractionReplyOptions & { flags: MessageFlags.Ephemeral } {
  return {
    content: rendered.content,
    embeds: rendered.embeds,
    components: rendered.components,
    allowedMentions: allowedMentions(rendered),
    flags: MessageFlags.Ephemeral,
    files: toAttachments(files),
  };
}

/** Replacing the message a button was on. */
export function toUpdate(rendered: RenderedMessage): InteractionUpdateOptions {
  return {
    content: rendered.content,
    embeds: rendered.embeds,
    components: rendered.components,
    allowedMentions: allowedMentions(rendered),
  };
}

function toAttachments(files: readonly OutboundFile[]): AttachmentPayload[] {
  return files.map((f) => ({
    attachment: Buffer.from(f.bytes),
    name: f.filename,
    ...(f.title && { description: f.title }),
  }));
}

/**
 * A form as a Discord modal: each field a Label around a text input, or around a string select
 * for choice fields. Discord allows five; a longer form is cut (and the core keeps forms short).
 */
export function renderModal(form: Form, dmWorkspaceId?: string): APIModalInteractionResponseCallbackData {
  return {
    custom_id: encodeCustomId(form.formId, dmWorkspaceId),
    title: truncate(form.title, MODAL_TITLE_MAX),
    components: form.fields.slice(0, MODAL_COMPONENTS_MAX).map(renderField),
  };
}

function renderField(field: FormField): APILabelComponent {
  const placeholder =
    field.placeholder === undefined ? {} : { placeholder: truncate(field.placeholder, PLACEHOLDER_MAX) };
  if (field.kind === 'choice' && field.choices && field.choices.length > 0) {
    return {
      type: ComponentType.Label,
      label: truncate(field.label, LABEL_MAX),
      component: {
        type: ComponentType.StringSelect,
        custom_id: field.id,
        options: field.choices
          .slice(0, 25)
          .map((c) => ({ label: c.label, value: c.value, ...(c.value === field.initial && { default: true }) })),
        min_values: field.required ? 1 : 0,
        max_values: 1,
        required: field.required,
        ...placeholder,
      },
    };
  }
  return {
    type: ComponentType.Label,
    label: truncate(field.label, LABEL_MAX),
    component: {
      type: ComponentType.TextInput,
      custom_id: field.id,
      style: field.kind === 'long' ? TextInputStyle.Paragraph : TextInputStyle.Short,
      required: field.required,
      ...(field.maxLength !== undefined && { max_length: field.maxLength }),
      ...(field.initial !== undefined &&
        field.initial !== '' && { value: truncate(field.initial, field.maxLength ?? 4000) }),
      ...placeholder,
    },
  };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function chunk(text: string, size: number, maxChunks: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length && chunks.length < maxChunks; i += size) chunks.push(text.slice(i, i + size));
  return chunks;
}
