import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { EventSource } from '../events.ts';
import { COMMANDS, type InputFor } from '../commands/declarations.ts';
import { privateText, type Reply } from '../messages.ts';
import { resolveMember } from './context.ts';

/** `/feedback company | what they said`: keeps the lesson and ends the feedback steps for it. */
export async function recordFeedback(
  deps: CoreDeps,
  source: EventSource,
  { company, text }: InputFor<'feedback'>,
): Promise<Reply> {
  const now = deps.clock.now();
  const closed = await deps.store.transaction(async (tx) => {
    const { group, member } = await resolveMember({ ...deps, store: tx }, source, 'log');
    const application = (await tx.applications.findByCompany(member.id, company))[0];
    if (!application) {
      throw new UserError(
        `I have no application to ${company} from you yet. Log it first with /applied or /rejected.`,
        COMMANDS.feedback.example,
      );
    }
    await tx.feedback.create(
      { workspace: group.workspace, memberId: member.id, applicationId: application.id, text },
      now,
    );
    const ending = deps.rules.filter((r) => r.endsOn.includes('feedback-logged')).map((r) => r.id);
    return tx.followUps.cancelOpen(application.id, ending, now);
  });
  const lines = [
    `Feedback from ${company} saved to your lessons. Thank you for listening to it: that is how the next one goes better.`,
  ];
  if (closed > 0) lines.push('The feedback steps for it are closed.');
  return privateText(...lines);
}
