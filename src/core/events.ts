/**
 * One normalised inbound event type. Adapters turn Slack and Discord payloads into these; the core
 * never sees a platform payload. Ids are the platform's own ids; the workspace scopes them.
 */
import type { CommandId } from './commands/declarations.ts';
import type { RawValues } from './commands/fields.ts';
import type { FieldProblem } from './commands/read-input.ts';
import type { Platform } from './types.ts';

export interface Actor {
  /** The platform's user id (`U123`, a Discord snowflake, `alice` on the console). */
  readonly userId: string;
  readonly displayName: string;
  /** IANA timezone when the platform tells it (Slack profiles do; Discord does not). */
  readonly timezone?: string;
  readonly isBot: boolean;
}

export interface EventSource {
  readonly platform: Platform;
  readonly workspaceId: string;
  /** The channel the event happened in (for DMs, the DM channel). */
  readonly channelId: string;
  /** A display name for the channel, used when a group is set up. */
  readonly channelName?: string;
  readonly actor: Actor;
  /** Whether the actor may manage the channel (Discord's Manage Channels); undefined when unknown. */
  readonly canManageChannel?: boolean;
}

/**
 * A command with its fields by id, as the adapter read them: Slack and the console from text
 * (`parseCommandText`), Discord from its typed options. The core reads and checks them against the
 * command's declaration; mentions arrive already decoded into tokens.
 */
export interface CommandEvent {
  readonly kind: 'command';
  readonly source: EventSource;
  readonly command: CommandId;
  readonly values: RawValues;
  /** Problems the text parser found before the fields could be read (too many fields). */
  readonly problems?: readonly FieldProblem[];
  /** A `/rebound` word that is no subcommand: help is shown, saying so. */
  readonly unknown?: string;
}

export interface ButtonEvent {
  readonly kind: 'button';
  readonly source: EventSource;
  readonly actionId: string;
  /**
   * The platform's id of the message that carries the button, when it is a stored message (not
   * ephemeral). The message lives in `source.channelId`: a Slack `ts` means nothing without it.
   */
  readonly messageId?: string;
}

export interface FormSubmitEvent {
  readonly kind: 'form-submit';
  readonly source: EventSource;
  readonly formId: string;
  readonly fields: Readonly<Record<string, string>>;
}

export interface ReactionEvent {
  readonly kind: 'reaction';
  readonly source: EventSource;
  readonly added: boolean;
  /** The platform's id of the message reacted to (Slack `ts`, Discord message id), in `source.channelId`. */
  readonly messageId: string;
  readonly emoji: string;
}

export interface ThreadReplyEvent {
  readonly kind: 'thread-reply';
  readonly source: EventSource;
  /**
   * The platform's id of the thread (Slack parent `ts`, Discord thread channel id). `source.channelId`
   * is the channel the thread hangs off (the group channel), where the check-in thread was posted.
   */
  readonly threadId: string;
  /** The reply's text when the platform gives it (Discord without message content does not). */
  readonly text?: string;
}

/**
 * A message someone wrote to the bot in a direct message (not a command). `source.channelId` is
 * the DM channel; on Discord a DM belongs to no server, and `source.workspaceId` is then empty.
 */
export interface DirectMessageEvent {
  readonly kind: 'direct-message';
  readonly source: EventSource;
}

/** The member opened the bot's home (Slack's App Home tab): the answer is their home. */
export interface HomeOpenedEvent {
  readonly kind: 'home-opened';
  readonly source: EventSource;
  /**
   * Asked again because something may have changed it, not because it was opened: someone in no
   * group (or in several, with no channel to tell which) then gets no answer, since the page that
   * says how to begin does not change with what they do.
   */
  readonly refresh?: boolean;
}

export type InboundEvent =
  | CommandEvent
  | ButtonEvent
  | FormSubmitEvent
  | ReactionEvent
  | ThreadReplyEvent
  | DirectMessageEvent
  | HomeOpenedEvent;
