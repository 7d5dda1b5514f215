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
import type { InboundKind, Logger } from '../../src/core/ports/index.ts';
import type { CommandId } from '../../src/core/commands/declarations.ts';
import { commandOf, timezoneChoices, valuesOf } from './commands.ts';
import { decodeCustomId } from './custom-ids.ts';
import { describe } from './delivery.ts';
import type { Answerable, createReplySender } from './replies.ts';
import { interactionSource } from './source.ts';

export interface InteractionOptions {
  readonly handler: EventHandler;
  readonly logger: Logger;
  readonly replies: ReturnType<typeof createReplySender>;
  /** How long the core may take before the interaction is deferred (Discord allows 3 s). */
  readonly deferAfterMs: number;
  /** The same for a command that cannot be answered with a form. */
  readonly deferQuickAfterMs: number;
  /** True the first time an id is seen in this guild (`''` outside one), by any process on the database. */
  firstDelivery(guildId: string, kind: InboundKind, id: string): Promise<boolean>;
}

const NOT_IN_GUILD = "Rebound works in server channels. Use this command in your group's channel.";

export function createInteractionListener(options: InteractionOptions): (interaction: Interaction) => Promise<void> {
  const { logger } = options;

  return async (interaction) => {
    try {
      if (interaction.isAutocomplete()) return await answerAutocomplete(interaction);
      // Discord does not redeliver an interaction, but one dispatched twice (a replayed gateway
      // event, a second replica on the same bot) must not log an entry twice.
      if (!(await options.firstDelivery(interaction.guildId ?? '', 'interaction', interaction.id))) {
        logger.info({ interactionId: interaction.id }, 'duplicate interaction ignored');
        return;
      }
      if (interaction.isChatInputCommand()) return await onCommand(interaction);
      if (interaction.isButton()) return await onButton(interaction);
      if (interaction.isModalSubmit()) return await onModalSubmit(interaction);
    } catch (error) {
      // A Discord call outside the reply (deferring, a refusal) failed: the core already answered
      // any failure of its own, so this is only logged, never thrown into the client.
      logger.error({ interactionId: interaction.id, error: describe(error) }, 'discord interaction failed');
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
    // A form can open only as the first answer, and a command given no options may answer with
    // one (`/checkin`, `/rejected` alone): those get the long budget.
    const mayOpenForm = Object.keys(event.values).length === 0;
    await answer(
      interaction,
      event,
      () => interaction.deferReply({ flags: MessageFlags.Ephemeral }),
      undefined,
      mayOpenForm ? options.deferAfterMs : options.deferQuickAfterMs,
    );
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
    if (field?.kind === 'timezone') return interaction.respond(timezoneChoices(String(focused.value)));
    if (!command || !interaction.guildId || field?.kind !== 'text' || !field.suggest) return interaction.respond([]);
    const choices = await options.handler.suggest({
      source: interactionSource(interaction, interaction.guildId),
      command: command.id as CommandId,
      field: field.id,
      text: String(focused.value),
    });
    await interaction.respond(choices.map((c) => ({ name: c.label.slice(0, 100), value: c.value.slice(0, 100) })));
  }

  /** Runs the core, deferring if it is slow, then renders its reply in the interaction. */
  async function answer(
    interaction: Answerable,
    event: InboundEvent,
    defer: () => Promise<unknown>,
    dmWorkspaceId?: string,
    deferAfterMs: number = options.deferAfterMs,
  ): Promise<void> {
    const work = options.handler.handle(event);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), deferAfterMs);
    });
    const first = await Promise.race([work.then((reply) => ({ reply })), late]).finally(() => clearTimeout(timer));
    if (first !== 'late') return options.replies.send(first.reply, { interaction, deferred: false, dmWorkspaceId });
    await defer();
    return options.replies.send(await work, { interaction, deferred: true, dmWorkspaceId });
  }
}
