import type { CoreDeps } from '../deps.ts';
import type { EventSource } from '../events.ts';
import type { Block, Reply } from '../messages.ts';
import { followUpBlocks } from '../render/follow-ups.ts';
import { memberZone, resolveMember } from './context.ts';

const SHOWN = 10;

/** `/followups`: the caller's open steps, soonest first, each with Done / Snooze / Skip. */
export function listFollowUps(deps: CoreDeps, source: EventSource): Reply {
  const { group, member } = deps.store.transaction(() => resolveMember(deps, source));
  const total = deps.store.followUps.countByMember(member.id, ['pending', 'snoozed']);
  const open = deps.store.followUps.listByMember(member.id, ['pending', 'snoozed'], SHOWN);
  if (total === 0) {
    return {
      type: 'private',
      message: {
        blocks: [
          {
            type: 'text',
            text: 'No open follow-ups. When you log a rejection with /rejected, I will plan the next steps with you.',
          },
        ],
      },
    };
  }
  const zone = memberZone(member, group);
  const blocks: Block[] = [{ type: 'text', text: `Your open follow-ups (${total}):` }];
  for (const f of open) {
    const application = f.applicationId === null ? null : deps.store.applications.get(f.applicationId);
    blocks.push(
      { type: 'divider' },
      ...followUpBlocks(deps.rules, { followUp: f, application }, { zone, groupZone: group.timezone }),
    );
  }
  if (total > SHOWN) blocks.push({ type: 'text', text: `…and ${total - SHOWN} more later on.` });
  return { type: 'private', message: { blocks } };
}
