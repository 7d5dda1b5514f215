import type { CoreDeps } from '../deps.ts';
import type { ReactionEvent } from '../events.ts';
import type { Reply } from '../messages.ts';
import { messageRefOf } from './context.ts';

const COUNTED = new Set(['application', 'rejection', 'update', 'stage']);

/**
 * A reaction on the bot's post about an entry counts as a peer's encouragement. Reactions by bots,
 * by the entry's own author, and on any other message are ignored.
 */
export async function recordReaction(deps: CoreDeps, event: ReactionEvent): Promise<Reply> {
  if (event.source.actor.isBot) return { type: 'none' };
  const emoji = event.emoji.slice(0, 100);
  await deps.store.transaction(async (tx) => {
    const post = await tx.posts.findByMessage(messageRefOf(event.source, event.messageId));
    if (!post || !COUNTED.has(post.subject) || post.memberId === null) return;
    const author = await tx.members.get(post.memberId);
    if (!author || author.userId === event.source.actor.userId) return;
    if (event.added) await tx.reactions.add(post.id, event.source.actor.userId, emoji, deps.clock.now());
    else await tx.reactions.remove(post.id, event.source.actor.userId, emoji);
  });
  return { type: 'none' };
}
