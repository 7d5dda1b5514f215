/** The bot's own posts (with platform references) and the peer reactions on them. */
import { and, eq } from 'drizzle-orm';
import type { PostRepository, ReactionRepository } from '../../core/ports/index.ts';
import { InternalError } from '../../core/errors.ts';
import type { Dialect } from '../dialect.ts';
import { placeholders, scopeOf, toPost } from './rows.ts';

export function createPostRepository(d: Dialect): PostRepository {
  const { posts, reactions } = d.tables;
  const insert = d.prepared((db) =>
    db
      .insert(posts)
      .values(
        placeholders(
          'platform',
          'workspaceId',
          'groupId',
          'memberId',
          'subject',
          'subjectId',
          'channelId',
          'messageId',
          'createdAt',
        ),
      )
      .returning(),
  );
  return {
    async create(input, now) {
      const [row] = await insert({
        ...scopeOf(input.workspace),
        groupId: input.groupId,
        memberId: input.memberId,
        subject: input.subject,
        subjectId: input.subjectId,
        channelId: input.channelId,
        messageId: input.messageId,
        createdAt: now,
      });
      if (!row) throw new InternalError('storage', 'post insert returned no row');
      return toPost(row);
    },
    async findByMessage(message) {
      const [row] = await d.db
        .select()
        .from(posts)
        .where(
          and(
            eq(posts.platform, message.workspace.platform),
            eq(posts.workspaceId, message.workspace.workspaceId),
            eq(posts.channelId, message.channelId),
            eq(posts.messageId, message.messageId),
          ),
        )
        .limit(1);
      return row ? toPost(row) : null;
    },
    async findBySubject(workspace, subject, subjectId) {
      const [row] = await d.db
        .select()
        .from(posts)
        .where(
          and(
            eq(posts.platform, workspace.platform),
            eq(posts.workspaceId, workspace.workspaceId),
            eq(posts.subject, subject),
            eq(posts.subjectId, subjectId),
          ),
        )
        .limit(1);
      return row ? toPost(row) : null;
    },
    delete(id) {
      return d.transaction(async () => {
        const removed = d.changed(await d.db.delete(reactions).where(eq(reactions.postId, id)));
        await d.db.delete(posts).where(eq(posts.id, id));
        return removed;
      });
    },
  };
}

export function createReactionRepository(d: Dialect): ReactionRepository {
  const { posts, reactions } = d.tables;
  return {
    add(postId, reactorUserId, emoji, now) {
      return d.transaction(async () => {
        const [post] = await d.db.select().from(posts).where(eq(posts.id, postId)).limit(1);
        if (!post) return false;
        const result = await d.db
          .insert(reactions)
          .values({
            platform: post.platform,
            workspaceId: post.workspaceId,
            postId,
            reactorUserId,
            emoji,
            createdAt: now,
          })
          .onConflictDoNothing();
        return d.changed(result) > 0;
      });
    },
    async remove(postId, reactorUserId, emoji) {
      const result = await d.db
        .delete(reactions)
        .where(
          and(eq(reactions.postId, postId), eq(reactions.reactorUserId, reactorUserId), eq(reactions.emoji, emoji)),
        );
      return d.changed(result) > 0;
    },
  };
}
