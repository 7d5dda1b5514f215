import type { CoreDeps } from '../deps.ts';
import type { EventSource } from '../events.ts';
import type { Reply } from '../messages.ts';
import type { PendingInput } from '../ports/index.ts';
import type { Group } from '../types.ts';

/** How far back an entry for the same company and role counts as the same one, and how long the question stays open. */
export const REPEAT_WINDOW_MS = 24 * 60 * 60_000;

/** The answers' action-id prefix: `again:log:<id>`, `again:drop:<id>`. */
export const AGAIN_PREFIX = 'again';

/**
 * Before logging an application or a rejection: when the caller logged one for the same company
 * and role within a day, the entry is held and they are asked first (a repeated line would
 * otherwise post twice and schedule a second plan). Null when there is nothing to ask.
 */
export async function askBeforeRepeating(
  deps: CoreDeps,
  group: Group,
  source: EventSource,
  entry: PendingInput,
  now: Date,
): Promise<Reply | null> {
  const member = await deps.store.members.find(group.id, source.actor.userId);
  if (!member?.active) return null;
  const since = now.getTime() - REPEAT_WINDOW_MS;
  const { company, role } = entry.input;
  const sameRole = (r: string) => role === null || r.toLowerCase() === role.toLowerCase();
  let loggedAt: Date | undefined;
  if (entry.kind === 'applied') {
    loggedAt = (await deps.store.applications.findByCompany(member.id, company)).find(
      (a) => a.status !== 'rejected' && a.createdAt.getTime() > since && sameRole(a.role),
    )?.createdAt;
  } else {
    loggedAt = (await deps.store.rejections.listRecentForCompany(member.id, company, new Date(since))).find((r) =>
      sameRole(r.role),
    )?.createdAt;
  }
  if (!loggedAt) return null;

  const held = await deps.store.transaction(async (tx) => {
    await tx.pendingEntries.deleteOlderThan(new Date(since));
    return tx.pendingEntries.create(group.workspace, member.id, entry, now);
  });
  const what = entry.kind === 'applied' ? `an application to ${company}` : `a rejection from ${company}`;
  return {
    type: 'private',
    message: {
      blocks: [
        {
          type: 'text',
          text: `You logged ${what}${role ? ` (${role})` : ''} ${ago(now.getTime() - loggedAt.getTime())}: log it again? Nothing is stored unless you say so.`,
        },
        {
          type: 'buttons',
          buttons: [
            { actionId: `${AGAIN_PREFIX}:log:${held.id}`, label: 'Log it again', style: 'primary' },
            { actionId: `${AGAIN_PREFIX}:drop:${held.id}`, label: 'Keep just the one' },
          ],
        },
      ],
    },
  };
}

function ago(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'a moment ago';
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.floor(minutes / 60);
  return `${hours} hour${hours === 1 ? '' : 's'} ago`;
}
