import type { CoreDeps } from '../deps.ts';
import type { EventSource } from '../events.ts';
import type { InputFor } from '../commands/declarations.ts';
import { textMessage, type Reply } from '../messages.ts';
import { ensureMember, requireGroup } from './context.ts';
import { entryPost } from './entry-post.ts';
import { postToGroup } from './post-to-group.ts';
import { withUndo } from './undo-entry.ts';

/** `/update text`: logs a progress note and shares it with the group (per visibility); the reply carries an Undo button. */
export async function recordUpdate(deps: CoreDeps, source: EventSource, { text }: InputFor<'update'>): Promise<Reply> {
  const group = await requireGroup(deps, source);
  const now = deps.clock.now();
  const { member, update } = await deps.store.transaction(async (tx) => {
    const member = await ensureMember({ ...deps, store: tx }, group, source);
    return {
      member,
      update: await tx.updates.create(
        { workspace: group.workspace, memberId: member.id, text, source: 'command' },
        now,
      ),
    };
  });
  const post = entryPost(member, member.visibility, {
    shared: `📣 ${member.displayName}: ${text}`,
    counts: `📣 ${member.displayName} shared a progress update.`,
  });
  if (post) await postToGroup(deps, group, { memberId: member.id, subject: 'update', subjectId: update.id }, post);
  return withUndo(textMessage('Update logged. Keep going!'), { kind: 'update', id: update.id });
}
