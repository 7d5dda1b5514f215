import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { EventSource } from '../events.ts';
import { LIMITS, requiredText } from '../fields.ts';
import { privateText, type Reply } from '../messages.ts';
import { resolveMember } from './context.ts';

const EXAMPLE = '/feedback Acme | wanted more depth on system design';

/** `/feedback company | what they said`: keeps the lesson and ends the feedback steps for it. */
export function recordFeedback(deps: CoreDeps, source: EventSource, args: readonly string[]): Reply {
  const company = requiredText(args[0], { label: 'company', max: LIMITS.company, example: EXAMPLE });
  const text = requiredText(args.slice(1).join(' | '), { label: 'feedback note', max: LIMITS.note, example: EXAMPLE });
  const now = deps.clock.now();
  const closed = deps.store.transaction(() => {
    const { group, member } = resolveMember(deps, source);
    const application = deps.store.applications.findByCompany(member.id, company)[0];
    if (!application) {
      throw new UserError(
        `I have no application to ${company} from you yet. Log it first with /applied or /rejected.`,
        EXAMPLE,
      );
    }
    deps.store.feedback.create(
      { workspace: group.workspace, memberId: member.id, applicationId: application.id, text },
      now,
    );
    const ending = deps.rules.filter((r) => r.endsOn.includes('feedback-logged')).map((r) => r.id);
    return deps.store.followUps.cancelOpen(application.id, ending, now);
  });
  const lines = [
    `Feedback from ${company} saved to your lessons. Thank you for listening to it: that is how the next one goes better.`,
  ];
  if (closed > 0) lines.push('The feedback steps for it are closed.');
  return privateText(...lines);
}
