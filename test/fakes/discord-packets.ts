/**
 * Gateway dispatch packets in the shapes of Discord's documentation (READY, GUILD_CREATE,
 * INTERACTION_CREATE, MESSAGE_REACTION_ADD/REMOVE, MESSAGE_CREATE, THREAD_CREATE), with the ids of
 * the documentation's own examples where they have them.
 */
import { FAKE_BOT_ID, nextSnowflake } from './discord-rest.ts';

export interface DispatchPacket {
  readonly op: 0;
  readonly t: string;
  readonly s: number;
  readonly d: unknown;
}

export const APP_ID = '290926444748734465';
export const GUILD_ID = '290926798626357999';
export const GROUP_CHANNEL_ID = '345626669114982402';
export const OTHER_GUILD_ID = '772904309264089089';
export const BOT_ID = FAKE_BOT_ID;

export interface FakeUser {
  readonly id: string;
  readonly username: string;
  readonly global_name: string | null;
  readonly bot?: boolean;
}

export const MASON: FakeUser = { id: '53908232506183680', username: 'mason', global_name: 'Mason' };
export const BOB: FakeUser = { id: '80351110224678912', username: 'bob', global_name: 'Bob' };
export const HELPER_BOT: FakeUser = { id: '155149108183695360', username: 'helperbot', global_name: null, bot: true };
export const REBOUND_BOT: FakeUser = { id: BOT_ID, username: 'Rebound', global_name: null, bot: true };

/** All permissions, as in the documentation's example interaction. */
export const ALL_PERMISSIONS = '2147483647';
/** View Channel, Send Messages, Read Message History, Add Reactions: a plain member, no Manage Channels. */
export const MEMBER_PERMISSIONS = String(1024 + 2048 + 65536 + 64);

let sequence = 0;
function dispatch(t: string, d: unknown): DispatchPacket {
  sequence += 1;
  return { op: 0, t, s: sequence, d };
}

function apiUser(user: FakeUser): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    global_name: user.global_name,
    discriminator: '0',
    avatar: null,
    public_flags: 0,
    ...(user.bot && { bot: true }),
  };
}

function apiMember(user: FakeUser, permissions?: string, nick: string | null = null): Record<string, unknown> {
  return {
    user: apiUser(user),
    roles: [],
    nick,
    avatar: null,
    premium_since: null,
    pending: false,
    mute: false,
    deaf: false,
    flags: 0,
    joined_at: '2026-01-13T19:19:14.040000+00:00',
    ...(permissions !== undefined && { permissions }),
  };
}

export function ready(guildIds: readonly string[] = [GUILD_ID]): DispatchPacket {
  return dispatch('READY', {
    v: 10,
    user: { ...apiUser(REBOUND_BOT), bot: true, verified: true, flags: 0, mfa_enabled: false },
    guilds: guildIds.map((id) => ({ id, unavailable: true })),
    session_id: 'fake-session',
    resume_gateway_url: 'ws://127.0.0.1:1',
    shard: [0, 1],
    application: { id: APP_ID, flags: 0 },
  });
}

export function textChannel(id: string, name: string, guildId = GUILD_ID): Record<string, unknown> {
  return {
    id,
    type: 0,
    guild_id: guildId,
    name,
    position: 0,
    permission_overwrites: [],
    nsfw: false,
    parent_id: null,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

export function threadChannel(
  id: string,
  parentId: string,
  ownerId: string,
  guildId = GUILD_ID,
): Record<string, unknown> {
  return {
    id,
    type: 11,
    guild_id: guildId,
    parent_id: parentId,
    owner_id: ownerId,
    name: 'Check-in Thursday 26 November',
    last_message_id: null,
    rate_limit_per_user: 0,
    message_count: 0,
    member_count: 1,
    flags: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: '2026-11-26T09:00:00.000000+00:00',
      locked: false,
    },
  };
}

export function guildCreate(options: { id?: string; channels?: unknown[]; threads?: unknown[] } = {}): DispatchPacket {
  const id = options.id ?? GUILD_ID;
  return dispatch('GUILD_CREATE', {
    id,
    name: 'Job Hunt Circle',
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: MASON.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 1,
    default_message_notifications: 1,
    explicit_content_filter: 0,
    roles: [
      {
        id,
        name: '@everyone',
        permissions: MEMBER_PERMISSIONS,
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: '2026-01-01T00:00:00.000000+00:00',
    large: false,
    unavailable: false,
    member_count: 3,
    voice_states: [],
    members: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    channels: options.channels ?? [textChannel(GROUP_CHANNEL_ID, 'job-hunt', id)],
    threads: options.threads ?? [],
  });
}

export function threadCreate(thread: Record<string, unknown>): DispatchPacket {
  return dispatch('THREAD_CREATE', { ...thread, newly_created: true });
}

export interface InteractionContext {
  readonly user?: FakeUser;
  readonly permissions?: string;
  readonly guildId?: string | null;
  readonly channelId?: string;
  readonly nick?: string | null;
  /** The channel object Discord sends with the interaction; a text channel of the guild by default. */
  readonly channel?: Record<string, unknown>;
}

function interaction(
  type: number,
  data: unknown,
  context: InteractionContext,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const user = context.user ?? MASON;
  const guildId = context.guildId === undefined ? GUILD_ID : context.guildId;
  const channelId = context.channel ? String(context.channel['id']) : (context.channelId ?? GROUP_CHANNEL_ID);
  const channel = context.channel ?? textChannel(channelId, 'job-hunt', guildId ?? GUILD_ID);
  const where = guildId
    ? {
        guild_id: guildId,
        member: apiMember(user, context.permissions ?? ALL_PERMISSIONS, context.nick ?? null),
        channel: { ...channel, permissions: context.permissions ?? ALL_PERMISSIONS },
        context: 0,
      }
    : {
        user: apiUser(user),
        channel: { id: channelId, type: 1, last_message_id: null, flags: 0, recipients: [apiUser(user)] },
        context: 1,
      };
  return {
    id: nextSnowflake(),
    application_id: APP_ID,
    type,
    data,
    channel_id: channelId,
    token: `token-${nextSnowflake()}`,
    version: 1,
    app_permissions: '442368',
    locale: 'en-US',
    ...(guildId && { guild_locale: 'en-US' }),
    entitlements: [],
    authorizing_integration_owners: { '0': guildId ?? '0' },
    attachment_size_limit: 10485760,
    ...where,
    ...extra,
  };
}

export interface CommandOption {
  readonly type: number;
  readonly name: string;
  readonly value?: string | number | boolean;
  readonly focused?: boolean;
  readonly options?: readonly CommandOption[];
}

export const opt = {
  string: (name: string, value: string): CommandOption => ({ type: 3, name, value }),
  integer: (name: string, value: number): CommandOption => ({ type: 4, name, value }),
  boolean: (name: string, value: boolean): CommandOption => ({ type: 5, name, value }),
  /** A user option: Discord sends the user's id (and the user in `resolved`). */
  user: (name: string, userId: string): CommandOption => ({ type: 6, name, value: userId }),
  sub: (name: string, options: readonly CommandOption[] = []): CommandOption => ({ type: 1, name, options }),
};

/** A slash command (type 2), as in the documentation's "Example Interaction". */
export function command(
  name: string,
  options: readonly CommandOption[] = [],
  context: InteractionContext = {},
): DispatchPacket {
  return dispatch('INTERACTION_CREATE', interaction(2, { id: nextSnowflake(), name, type: 1, options }, context));
}

/** Autocomplete (type 4): the focused option carries what the person typed so far. */
export function autocomplete(
  name: string,
  options: readonly CommandOption[],
  context: InteractionContext = {},
): DispatchPacket {
  return dispatch('INTERACTION_CREATE', interaction(4, { id: nextSnowflake(), name, type: 1, options }, context));
}

/** A button click (type 3); `ephemeral` puts the button on a private answer (message flags 64). */
export function buttonClick(
  customId: string,
  context: InteractionContext & { messageId?: string; ephemeral?: boolean } = {},
): DispatchPacket {
  const channelId = context.channelId ?? GROUP_CHANNEL_ID;
  const message = {
    id: context.messageId ?? nextSnowflake(),
    channel_id: channelId,
    type: 0,
    content: 'Due today: ask Acme for feedback',
    author: apiUser(REBOUND_BOT),
    timestamp: '2026-11-26T10:00:00.000000+00:00',
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    flags: context.ephemeral ? 64 : 0,
    components: [{ type: 1, components: [{ type: 2, style: 1, label: 'Done', custom_id: customId }] }],
  };
  return dispatch(
    'INTERACTION_CREATE',
    interaction(3, { custom_id: customId, component_type: 2 }, context, { message }),
  );
}

/**
 * A modal submission (type 5). `layout: 'label'` is the current documentation (each input inside
 * a Label, type 18); `'row'` the older one (action rows, type 1). Choice fields arrive as selects.
 */
export function modalSubmit(
  customId: string,
  fields: Readonly<Record<string, string>>,
  context: InteractionContext & { layout?: 'label' | 'row'; selects?: readonly string[] } = {},
): DispatchPacket {
  const components = Object.entries(fields).map(([id, value], index) => {
    const input = context.selects?.includes(id)
      ? { type: 3, id: index * 2 + 2, custom_id: id, values: value === '' ? [] : [value] }
      : { type: 4, id: index * 2 + 2, custom_id: id, value };
    return context.layout === 'row'
      ? { type: 1, id: index * 2 + 1, components: [input] }
      : { type: 18, id: index * 2 + 1, component: input };
  });
  return dispatch('INTERACTION_CREATE', interaction(5, { custom_id: customId, components }, context));
}

export interface ReactionContext {
  readonly user?: FakeUser;
  readonly channelId?: string;
  readonly emoji?: { id: string | null; name: string };
  readonly messageAuthorId?: string;
}

/** MESSAGE_REACTION_ADD as the gateway documentation lists its fields (with the member). */
export function reactionAdd(messageId: string, context: ReactionContext = {}): DispatchPacket {
  const user = context.user ?? BOB;
  return dispatch('MESSAGE_REACTION_ADD', {
    user_id: user.id,
    channel_id: context.channelId ?? GROUP_CHANNEL_ID,
    message_id: messageId,
    guild_id: GUILD_ID,
    member: apiMember(user),
    emoji: context.emoji ?? { id: null, name: '🔥' },
    message_author_id: context.messageAuthorId ?? BOT_ID,
    burst: false,
    burst_colors: [],
    type: 0,
  });
}

/** MESSAGE_REACTION_REMOVE: no member, only ids. */
export function reactionRemove(messageId: string, context: ReactionContext = {}): DispatchPacket {
  const user = context.user ?? BOB;
  return dispatch('MESSAGE_REACTION_REMOVE', {
    user_id: user.id,
    channel_id: context.channelId ?? GROUP_CHANNEL_ID,
    message_id: messageId,
    guild_id: GUILD_ID,
    emoji: context.emoji ?? { id: null, name: '🔥' },
    burst: false,
    type: 0,
  });
}

/** MESSAGE_CREATE in a channel; without the message-content intent `content` is empty. */
export function messageCreate(
  channelId: string,
  author: FakeUser,
  content = '',
  guildId: string | null = GUILD_ID,
): DispatchPacket {
  return dispatch('MESSAGE_CREATE', {
    id: nextSnowflake(),
    channel_id: channelId,
    ...(guildId && { guild_id: guildId, member: apiMember(author) }),
    author: apiUser(author),
    content,
    timestamp: '2026-11-26T09:30:00.000000+00:00',
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    pinned: false,
    type: 0,
    flags: 0,
    components: [],
  });
}
