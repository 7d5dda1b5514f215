import type { CoreDeps } from '../deps.ts';
import type { EventSource } from '../events.ts';
import { privateText, type Reply } from '../messages.ts';
import { resolveMember } from './context.ts';

/** `/rebound resume`: end a pause now. */
export function resumeMember(deps: CoreDeps, source: EventSource): Reply {
  deps.store.transaction(() => {
    const { member } = resolveMember(deps, source);
    deps.store.members.update(member.id, { pausedUntil: null });
  });
  return privateText('Welcome back! Nudges are on again; anything that came due will arrive shortly.');
}
