import type { CoreDeps } from '../deps.ts';
import type { EventSource } from '../events.ts';
import type { InputFor } from '../commands/declarations.ts';
import { privateText, type Reply } from '../messages.ts';
import { resolveMember } from './context.ts';

const MEANING = {
  shared: 'the group sees the company and role of what you log',
  counts: 'the group sees that you applied or heard back, without the company',
  private: 'nothing you log is posted to the group',
} as const;

/** `/rebound visibility shared|counts|private`: what the group sees of new entries. */
export async function setVisibility(
  deps: CoreDeps,
  source: EventSource,
  { level: visibility }: InputFor<'rebound visibility'>,
): Promise<Reply> {
  await deps.store.transaction(async (tx) => {
    const { member } = await resolveMember({ ...deps, store: tx }, source);
    await tx.members.update(member.id, { visibility });
  });
  return privateText(`Visibility set to ${visibility}: ${MEANING[visibility]}.`);
}
