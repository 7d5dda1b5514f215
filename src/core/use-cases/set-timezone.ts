import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { EventSource } from '../events.ts';
import { privateText, type Reply } from '../messages.ts';
import { isValidTimezone } from '../time.ts';
import { resolveMember } from './context.ts';

const EXAMPLE = '/rebound timezone Europe/Berlin';

/** `/rebound timezone Area/City`: the zone your nudges are timed in. */
export function setTimezone(deps: CoreDeps, source: EventSource, words: readonly string[]): Reply {
  const zone = (words[0] ?? '').trim();
  if (!zone) throw new UserError('Which timezone? Use an IANA name.', EXAMPLE);
  if (!isValidTimezone(zone))
    throw new UserError(
      `"${zone.slice(0, 40)}" is not a timezone I know. Use an IANA name like Europe/Berlin or America/New_York.`,
      EXAMPLE,
    );
  deps.store.transaction(() => {
    for (const member of [resolveMember(deps, source).member]) deps.store.members.update(member.id, { timezone: zone });
  });
  return privateText(`Your timezone is now ${zone}. Steps already planned keep their time; new ones use ${zone}.`);
}
