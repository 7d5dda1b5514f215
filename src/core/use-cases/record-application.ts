import type { CoreDeps } from '../deps.ts';
import type { InputFor } from '../commands/declarations.ts';
import type { EventSource } from '../events.ts';
import { textMessage, type Reply } from '../messages.ts';
import { findRule } from '../rules.ts';
import { askBeforeRepeating } from './ask-before-repeating.ts';
import { ensureMember, memberZone, requireGroup } from './context.ts';
import { postToGroup } from './post-to-group.ts';
import { entryPost } from './entry-post.ts';
import { scheduleSilence } from './schedule-silence.ts';
import { withUndo } from './undo-entry.ts';

/**
 * `/applied company | role [| link]`: logs an application and tells the group (per visibility).
 * The same company and role logged within a day is asked about first, unless `repeat` says the
 * member already chose to log it again; the reply carries an Undo button.
 */
export async function recordApplication(
  deps: CoreDeps,
  source: EventSource,
  input: InputFor<'applied'>,
  repeat: 'ask' | 'log' = 'ask',
): Promise<Reply> {
  const { company, role, link } = input;
  const group = await requireGroup(deps, source);
  const now = deps.clock.now();
  const question =
    repeat === 'ask' ? await askBeforeRepeating(deps, group, source, { kind: 'applied', input }, now) : null;
  if (question) return question;

  const { member, application, closed } = await deps.store.transaction(async (tx) => {
    const member = await ensureMember({ ...deps, store: tx }, group, source);
    const application = await tx.applications.create(
      {
        workspace: group.workspace,
        memberId: member.id,
        company,
        role,
        link,
        status: 'applied',
        visibility: member.visibility,
      },
      now,
    );
    await scheduleSilence(tx, deps.rules, group, application, now, memberZone(member, group), now);
    // A logged application ends every open "line up your next application" step.
    const keepApplying = deps.rules.filter((r) => r.endsOn.includes('application-logged')).map((r) => r.id);
    const closed = await tx.followUps.closeOpenForMember(member.id, keepApplying, 'done', now);
    return { member, application, closed };
  });

  const post = entryPost(member, application.visibility, {
    shared: `📨 ${member.displayName} applied for ${role} at ${company}.`,
    counts: `📨 ${member.displayName} sent an application.`,
  });
  if (post)
    await postToGroup(deps, group, { memberId: member.id, subject: 'application', subjectId: application.id }, post);

  const keepRule = findRule(deps.rules, 'keep-applying');
  const lines = [`Logged: ${role} at ${company}. Nice work sending it out.`];
  if (closed > 0 && keepRule) lines.push('That also ticks off "line up your next application".');
  if (application.visibility === 'private') lines.push('(Kept private: nothing was posted to the group.)');
  return withUndo(textMessage(...lines), { kind: 'application', id: application.id });
}
