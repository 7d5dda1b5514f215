import type { CoreDeps } from '../deps.ts';
import type { EventSource } from '../events.ts';
import { privateText, type Reply } from '../messages.ts';
import { resolveMember } from './context.ts';

/** `/rebound resume`: end a pause now. */
export async function resumeMember(deps: CoreDeps, source: EventSource): Promise<Reply> {
  await deps.store.transaction(async (tx) => {
    const { member } = await resolveMember({ ...deps, store: tx }, source);
    await tx.members.update(member.id, { pausedUntil: null });
  });
  return privateText('Welcome back! Nudges are on again; anything that came due will arrive shortly.');
}
