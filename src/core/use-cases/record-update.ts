import type { CoreDeps } from '../deps.ts';
import type { EventSource } from '../events.ts';
import { LIMITS, requiredText } from '../fields.ts';
import { privateText, type Reply } from '../messages.ts';
import { ensureMember, requireGroup } from './context.ts';
import { entryPost } from './entry-post.ts';
import { postToGroup } from './post-to-group.ts';

const EXAMPLE = '/update Finished the take-home for Globex and booked a coffee chat';

/** `/update text`: logs a progress note and shares it with the group (per visibility). */
export async function recordUpdate(deps: CoreDeps, source: EventSource, args: readonly string[]): Promise<Reply> {
  const group = requireGroup(deps, source);
  // An update may itself contain `|`: it is one field.
  const text = requiredText(args.join(' | '), { label: 'update', max: LIMITS.update, example: EXAMPLE });
  const now = deps.clock.now();
  const { member, update } = deps.store.transaction(() => {
    const member = ensureMember(deps, group, source);
    return {
      member,
      update: deps.store.updates.create(
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
  return privateText('Update logged. Keep going!');
}
