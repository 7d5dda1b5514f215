import type { CoreDeps } from '../deps.ts';
import type { InputFor } from '../commands/declarations.ts';
import type { EventSource } from '../events.ts';
import { privateText, type Reply } from '../messages.ts';
import { resolveMember } from './context.ts';

/** `/rebound timezone Area/City`: the zone your nudges are timed in. */
export async function setTimezone(
  deps: CoreDeps,
  source: EventSource,
  { timezone: zone }: InputFor<'rebound timezone'>,
): Promise<Reply> {
  await deps.store.transaction(async (tx) => {
    const { member } = await resolveMember({ ...deps, store: tx }, source);
    await tx.members.update(member.id, { timezone: zone, timezoneChosen: true });
  });
  return privateText(`Your timezone is now ${zone}. Steps already planned keep their time; new ones use ${zone}.`);
}
