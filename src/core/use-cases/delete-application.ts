/**
 * Deleting an application from `/applications`: asked first, then it goes with everything recorded
 * on it (its history, interview rounds, rejections, feedback and steps) and the group's posts about
 * it (deleted on the platform, or edited to read withdrawn where deleting is refused).
 */
import type { CoreDeps } from '../deps.ts';
import { textMessage, type Reply } from '../messages.ts';
import type { Application, BotPost, WorkspaceRef } from '../types.ts';
import type { Store } from '../ports/index.ts';
import { describeApplication } from './find-application.ts';
import { takeDownPost } from './take-down-post.ts';

/** The question, with the buttons that answer it. */
export async function askToDelete(deps: CoreDeps, a: Application): Promise<Reply> {
  const steps = await deps.store.followUps.listOpenForApplication(
    a.id,
    deps.rules.map((r) => r.id),
  );
  return {
    type: 'private',
    message: {
      blocks: [
        {
          type: 'text',
          text: `Delete ${describeApplication(a)}? It goes with its history, its ${steps.length} open step${steps.length === 1 ? '' : 's'} and its posts in the group. This cannot be undone.`,
        },
        {
          type: 'buttons',
          buttons: [
            { actionId: `app:delete-yes:${a.id}`, label: 'Delete it', style: 'danger' },
            { actionId: `app:keep:${a.id}`, label: 'Keep it' },
          ],
        },
      ],
    },
  };
}

export async function deleteApplication(deps: CoreDeps, workspace: WorkspaceRef, a: Application): Promise<Reply> {
  const posts = await deps.store.transaction(async (tx) => {
    const found = await postsAbout(tx, workspace, a);
    for (const post of found) await tx.posts.delete(post.id);
    await tx.applications.delete(a.id);
    return found;
  });
  for (const post of posts) await takeDownPost(deps, post);
  const also = posts.length ? ` and ${posts.length} group post${posts.length === 1 ? '' : 's'}` : '';
  return { type: 'replace', message: textMessage(`Deleted ${describeApplication(a)}, with its history${also}.`) };
}

export function keepApplication(a: Application): Reply {
  return { type: 'replace', message: textMessage(`Kept ${describeApplication(a)}: nothing was deleted.`) };
}

/** The bot's posts about the application: when it was logged, its rejections, its stage moves. */
async function postsAbout(store: Store, ws: WorkspaceRef, a: Application): Promise<BotPost[]> {
  const rejections = (await store.rejections.listByMember(a.memberId)).filter((r) => r.applicationId === a.id);
  const events = await store.applications.listEvents(a.id);
  const found = [
    await store.posts.findBySubject(ws, 'application', a.id),
    ...(await Promise.all(rejections.map((r) => store.posts.findBySubject(ws, 'rejection', r.id)))),
    ...(await Promise.all(events.map((e) => store.posts.findBySubject(ws, 'stage', e.id)))),
  ];
  return found.filter((p): p is BotPost => p !== null);
}
