/**
 * Interactions → core events → answers. Discord wants an answer within 3 seconds: when the core
 * has not answered within `deferAfterMs`, the interaction is deferred and the answer follows.
 * Answers are private (ephemeral) unless the core replaces the clicked message.
 */
import {
  MessageFlags,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { EventHandler } from '../../src/core/event-handler.ts';
import type { InboundEvent } from '../../src/core/events.ts';
import { textMessage, type Message, type Reply } from '../../src/core/messages.ts';
import type { Logger } from '../../src/core/ports.ts';
import type { CommandId } from '../../src/core/commands/declarations.ts';
import { commandOf, timezoneChoices, valuesOf } from './commands.ts';
import { decodeCustomId } from './custom-ids.ts';
import { describe } from './delivery.ts';
import { renderMessage, renderModal, toEphemeralReply, toUpdate } from './rendering.ts';
import { interactionSource } from './source.ts';

export interface InteractionOptions {
  readonly handler: EventHandler;
  readonly logger: Logger;
  /** How long the core may take before the interaction is deferred (Discord allows 3 s). */
  readonly deferAfterMs: number;
}

type Answerable = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

const SORRY = 'Something went wrong on our side. Nothing was changed; please try again in a moment.';
const NOT_IN_GUILD = "Rebound works in server channels. Use this command in your group's channel.";
const FORM_TOO_LATE = 'That took longer than expected, so the form could not open. Please try again.';
const FIELD_LABELS_KEPT = 1000;

export function createInteractionListener(options: InteractionOptions): (interaction: Interaction) => Promise<void> {
  const { logger } = options;
  /** Field labels of the forms we showed, so problems can be named the way the person saw them. */
  const fieldLabels = new Map<string, string>();

  return async (interaction) => {
    try {
      if (interaction.isAutocomplete()) return await answerAutocomplete(interaction);
      if (interaction.isChatInputCommand()) return await onCommand(interaction);
      if (interaction.isButton()) return await onButton(interaction);
      if (interaction.isModalSubmit()) return await onModalSubmit(interaction);
    } catch (error) {
      logger.error({ interactionId: interaction.id, error: describe(error) }, 'discord interaction failed');
      if (interaction.isRepliable() && !interaction.replied) {
        const answer = { content: SORRY, flags: MessageFlags.Ephemeral } as const;
        await (interaction.deferred ? interaction.followUp(answer) : interaction.reply(answer)).catch(() => undefined);
      }
    }
  };

  async function onCommand(interaction: ChatInputCommandInteraction): Promise<void> {
    if (!interaction.guildId)
      return void (await interaction.reply({ content: NOT_IN_GUILD, flags: MessageFlags.Ephemeral }));
    const command = commandOf(interaction.commandName, interaction.options.getSubcommand(false));
    if (!command)
      return void (await interaction.reply({
        content: `Unknown command /${interaction.commandName}.`,
        flags: MessageFlags.Ephemeral,
      }));
    // Manage Channels (for /rebound setup and config) travels in the source; the core decides.
    const source = interactionSource(interaction, interaction.guildId);
    const event = {
      kind: 'command',
      source,
      command: command.id as CommandId,
      values: valuesOf(command, interaction),
    } as const;
    await answer(interaction, event, () => interaction.deferReply({ flags: MessageFlags.Ephemeral }));
  }

  async function onButton(interaction: ButtonInteraction): Promise<void> {
    const { workspaceId, id } = decodeCustomId(interaction.customId);
    const workspace = interaction.guildId ?? workspaceId;
    if (!workspace)
      return void (await interaction.reply({ content: 'This button no longer works.', flags: MessageFlags.Ephemeral }));
    const source = interactionSource(interaction, workspace);
    // An ephemeral message is not stored anywhere the core could know it by.
    const stored = !interaction.message.flags.has(MessageFlags.Ephemeral);
    const event = {
      kind: 'button',
      source,
      actionId: id,
      ...(stored && { messageId: interaction.message.id }),
    } as const;
    await answer(interaction, event, () => interaction.deferUpdate(), workspaceId);
  }

  async function onModalSubmit(interaction: ModalSubmitInteraction): Promise<void> {
    const { workspaceId, id } = decodeCustomId(interaction.customId);
    const workspace = interaction.guildId ?? workspaceId;
    if (!workspace)
      return void (await interaction.reply({ content: 'This form no longer works.', flags: MessageFlags.Ephemeral }));
    const fields: Record<string, string> = {};
    for (const [customId, field] of interaction.fields.fields) {
      if ('value' in field && typeof field.value === 'string') fields[customId] = field.value;
      else if ('values' in field && Array.isArray(field.values)) fields[customId] = String(field.values[0] ?? '');
    }
    const source = interactionSource(interaction, workspace);
    await answer(
      interaction,
      { kind: 'form-submit', source, formId: id, fields },
      () => interaction.deferReply({ flags: MessageFlags.Ephemeral }),
      workspaceId,
    );
  }

  async function answerAutocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const command = commandOf(interaction.commandName, interaction.options.getSubcommand(false));
    const field = command?.fields.find((f) => f.id === focused.name);
    await interaction.respond(field?.kind === 'timezone' ? timezoneChoices(String(focused.value)) : []);
  }

  /** Runs the core, deferring if it is slow, then renders its reply in the interaction. */
  async function answer(
    interaction: Answerable,
    event: InboundEvent,
    defer: () => Promise<unknown>,
    dmWorkspaceId?: string,
  ): Promise<void> {
    const work = options.handler.handle(event);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), options.deferAfterMs);
    });
    const first = await Promise.race([work.then((reply) => ({ reply })), late]).finally(() => clearTimeout(timer));
    if (first !== 'late') return render(interaction, first.reply, dmWorkspaceId);
    await defer();
    const reply = await work;
    return renderDeferred(interaction, reply, dmWorkspaceId);
  }

  async function render(interaction: Answerable, reply: Reply, dmWorkspaceId: string | undefined): Promise<void> {
    switch (reply.type) {
      case 'none':
        if (interaction.isButton() || (interaction.isModalSubmit() && interaction.isFromMessage()))
          return void (await interaction.deferUpdate());
        return void (await interaction.reply(toEphemeralReply(renderMessage(textMessage('Done.')))));
      case 'private':
        return void (await interaction.reply(toEphemeralReply(renderMessage(reply.message), reply.files)));
      case 'form':
        if (interaction.isModalSubmit()) return void (await interaction.reply(privateText(FORM_TOO_LATE)));
        // Forms are per day and group; keep the labels of recent ones only.
        if (fieldLabels.size > FIELD_LABELS_KEPT) fieldLabels.clear();
        for (const field of reply.form.fields) fieldLabels.set(`${reply.form.formId} ${field.id}`, field.label);
        return void (await interaction.showModal(renderModal(reply.form, dmWorkspaceId)));
      case 'form-errors':
        return void (await interaction.reply(privateText(formErrorsText(interaction, reply.errors))));
      case 'replace':
        if (interaction.isButton() || (interaction.isModalSubmit() && interaction.isFromMessage())) {
          await interaction.update(toUpdate(renderMessage(reply.message, { dmWorkspaceId })));
          if (reply.privateNote) await interaction.followUp(toEphemeralReply(renderMessage(reply.privateNote)));
          return;
        }
        return void (await interaction.reply(toEphemeralReply(renderMessage(reply.privateNote ?? reply.message))));
    }
  }

  /** After a deferral: commands and forms deferred an ephemeral reply, buttons an update. */
  async function renderDeferred(
    interaction: Answerable,
    reply: Reply,
    dmWorkspaceId: string | undefined,
  ): Promise<void> {
    const privately = (message: Message, files?: Extract<Reply, { type: 'private' }>['files']) => {
      const options = toEphemeralReply(renderMessage(message), files);
      return interaction.isButton()
        ? interaction.followUp(options)
        : interaction.editReply({ ...options, flags: undefined });
    };
    switch (reply.type) {
      case 'none':
        if (!interaction.isButton()) await interaction.deleteReply();
        return;
      case 'private':
        return void (await privately(reply.message, reply.files));
      case 'form':
        return void (await privately(textMessage(FORM_TOO_LATE)));
      case 'form-errors':
        return void (await privately(textMessage(formErrorsText(interaction, reply.errors))));
      case 'replace':
        if (interaction.isButton()) {
          await interaction.editReply(toUpdate(renderMessage(reply.message, { dmWorkspaceId })));
          if (reply.privateNote) await privately(reply.privateNote);
          return;
        }
        return void (await privately(reply.privateNote ?? reply.message));
    }
  }

  function formErrorsText(interaction: Answerable, errors: Readonly<Record<string, string>>): string {
    const formId = interaction.isModalSubmit() ? decodeCustomId(interaction.customId).id : '';
    const lines = Object.entries(errors).map(
      ([field, problem]) => `• ${fieldLabels.get(`${formId} ${field}`) ?? field}: ${problem}`,
    );
    return ['Nothing was saved. Please fix this and send the form again:', ...lines].join('\n');
  }
}

function privateText(text: string) {
  return toEphemeralReply(renderMessage(textMessage(text)));
}
