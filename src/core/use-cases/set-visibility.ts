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
export function setVisibility(
  deps: CoreDeps,
  source: EventSource,
  { level: visibility }: InputFor<'rebound visibility'>,
): Reply {
  deps.store.transaction(() => {
    const { member } = resolveMember(deps, source);
    deps.store.members.update(member.id, { visibility });
  });
  return privateText(`Visibility set to ${visibility}: ${MEANING[visibility]}.`);
}
