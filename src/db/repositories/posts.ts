/** The bot's own posts (with platform references) and the peer reactions on them. */
import { and, eq } from 'drizzle-orm';
import type { PostRepository, ReactionRepository } from '../../core/ports/index.ts';
import { InternalError } from '../../core/errors.ts';
import type { Db } from '../open.ts';
import type { SyncOf } from '../sqlite-gate.ts';
import { posts, reactions } from '../schema.ts';
import { placeholders, scopeOf, toPost } from './rows.ts';

export function createPostRepository(db: Db): SyncOf<PostRepository> {
  const insert = db
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
    .returning()
    .prepare();
  return {
    create(input, now) {
      const row = insert.get({
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
    findByMessage(message) {
      const row = db
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
        .get();
      return row ? toPost(row) : null;
    },
    findBySubject(workspace, subject, subjectId) {
      const row = db
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
        .get();
      return row ? toPost(row) : null;
    },
    delete(id) {
      const removed = db.delete(reactions).where(eq(reactions.postId, id)).run().changes;
      db.delete(posts).where(eq(posts.id, id)).run();
      return removed;
    },
  };
}

export function createReactionRepository(db: Db): SyncOf<ReactionRepository> {
  return {
    add(postId, reactorUserId, emoji, now) {
      const post = db.select().from(posts).where(eq(posts.id, postId)).get();
      if (!post) return false;
      const result = db
        .insert(reactions)
        .values({
          platform: post.platform,
          workspaceId: post.workspaceId,
          postId,
          reactorUserId,
          emoji,
          createdAt: now,
        })
        .onConflictDoNothing()
        .run();
      return result.changes > 0;
    },
    remove(postId, reactorUserId, emoji) {
      const result = db
        .delete(reactions)
        .where(
          and(eq(reactions.postId, postId), eq(reactions.reactorUserId, reactorUserId), eq(reactions.emoji, emoji)),
        )
        .run();
      return result.changes > 0;
    },
  };
}
