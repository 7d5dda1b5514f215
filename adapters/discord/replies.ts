/**
 * Sends the core's Reply in the context of the Discord event that caused it: an interaction's
 * reply, update, modal or follow-up (before or after it was deferred), or a reaction on a message
 * in a check-in thread. The one place a Reply becomes Discord calls.
 */
import type {
  ButtonInteraction,
  ChatInputCommandInteraction,
  Message as DiscordMessage,
  ModalSubmitInteraction,
} from 'discord.js';
import { textMessage, type Form, type Message, type OutboundFile, type Reply } from '../../src/core/messages.ts';
import type { Logger } from '../../src/core/ports/index.ts';
import { decodeCustomId } from './custom-ids.ts';
import { describe } from './delivery.ts';
import { allowedMentions, renderMessage, renderModal, toEphemeralReply, toUpdate } from './rendering.ts';

/** The reaction that tells someone their message in a check-in thread was counted. */
export const ACKNOWLEDGED = '✅';

export type Answerable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

/** Where a reply goes. */
export type ReplyContext =
  | {
      readonly interaction: Answerable;
      /** Deferred already: commands and forms as an ephemeral reply, buttons as an update. */
      readonly deferred: boolean;
      /** The server a button or form in a DM belongs to; the buttons of a replaced message keep it. */
      readonly dmWorkspaceId?: string;
    }
  /**
   * A message is not an interaction, so nothing can be said privately in answer: a private answer
   * (the check-in was counted) becomes a reaction on the message instead.
   */
  | { readonly message: DiscordMessage }
  /** A message written to the bot in a DM: a private answer is an ordinary reply there. */
  | { readonly directMessage: DiscordMessage };

const FORM_TOO_LATE = 'That took longer than expected, so the form could not open. Please try again.';
const FIELD_LABELS_KEPT = 1000;

export function createReplySender(logger: Logger): {
  /** Does what the reply says in the event's context; a failing Discord call is logged, never thrown. */
  send(reply: Reply, context: ReplyContext): Promise<void>;
} {
  /** Field labels of the forms we showed, so problems can be named the way the person saw them. */
  const fieldLabels = new Map<string, string>();

  function rememberLabels(form: Form): void {
    // Forms are per day and group; keep the labels of recent ones only.
    if (fieldLabels.size > FIELD_LABELS_KEPT) fieldLabels.clear();
    for (const field of form.fields) fieldLabels.set(`${form.formId} ${field.id}`, field.label);
  }

  function formErrorsText(interaction: Answerable, errors: Readonly<Record<string, string>>): string {
    const formId = interaction.isModalSubmit() ? decodeCustomId(interaction.customId).id : '';
    const lines = Object.entries(errors).map(
      ([field, problem]) => `• ${fieldLabels.get(`${formId} ${field}`) ?? field}: ${problem}`,
    );
    return ['Nothing was saved. Please fix this and send the form again:', ...lines].join('\n');
  }

  /**
   * Commands and forms that were deferred have an ephemeral reply to edit; a deferred button has
   * an update to make and says anything private in a follow-up.
   */
  async function answer(
    interaction: Answerable,
    reply: Reply,
    deferred: boolean,
    dmWorkspaceId: string | undefined,
  ): Promise<void> {
    const fromMessage = interaction.isButton() || (interaction.isModalSubmit() && interaction.isFromMessage());
    const canReplace = deferred ? interaction.isButton() : fromMessage;
    const privately = async (message: Message, files?: readonly OutboundFile[]) => {
      const options = toEphemeralReply(renderMessage(message), files);
      if (!deferred) await interaction.reply(options);
      else if (interaction.isButton()) await interaction.followUp(options);
      else await interaction.editReply({ ...options, flags: undefined });
    };
    switch (reply.type) {
      case 'none':
        if (deferred) {
          if (!interaction.isButton()) await interaction.deleteReply();
          return;
        }
        if (fromMessage) return void (await interaction.deferUpdate());
        return privately(textMessage('Done.'));
      case 'private':
        return privately(reply.message, reply.files);
      case 'form':
        // A modal can only open as the first answer, and not in answer to another modal.
        if (deferred || interaction.isModalSubmit()) return privately(textMessage(FORM_TOO_LATE));
        rememberLabels(reply.form);
        return void (await interaction.showModal(renderModal(reply.form, dmWorkspaceId)));
      case 'form-errors':
        return privately(textMessage(formErrorsText(interaction, reply.errors)));
      case 'replace': {
        if (!canReplace) return privately(reply.privateNote ?? reply.message);
        const update = toUpdate(renderMessage(reply.message, { dmWorkspaceId }));
        if (deferred) await interaction.editReply(update);
        else if (interaction.isButton() || (interaction.isModalSubmit() && interaction.isFromMessage()))
          await interaction.update(update);
        if (reply.privateNote) await interaction.followUp(toEphemeralReply(renderMessage(reply.privateNote)));
        return;
      }
    }
  }

  async function send(reply: Reply, context: ReplyContext): Promise<void> {
    try {
      if ('directMessage' in context) {
        if (reply.type === 'private') {
          const rendered = renderMessage(reply.message);
          await context.directMessage.reply({
            content: rendered.content,
            embeds: rendered.embeds,
            allowedMentions: allowedMentions(rendered),
          });
        }
        return;
      }
      if ('message' in context) {
        if (reply.type === 'private') await context.message.react(ACKNOWLEDGED);
        return;
      }
      await answer(context.interaction, reply, context.deferred, context.dmWorkspaceId);
    } catch (error) {
      const where =
        'directMessage' in context
          ? `direct message ${context.directMessage.id}`
          : 'message' in context
            ? `message ${context.message.id}`
            : `interaction ${context.interaction.id}`;
      logger.error({ where, reply: reply.type, error: describe(error) }, 'could not deliver a reply');
    }
  }

  return { send };
}
