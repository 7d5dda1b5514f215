import type { CoreDeps } from '../deps.ts';
import { privateText, type Reply } from '../messages.ts';
import type { EventSource } from '../events.ts';
import { joinMember, requireGroup } from './context.ts';

/** `/rebound join`: become a member of this channel's group (or come back after leaving). */
export async function joinGroup(deps: CoreDeps, source: EventSource): Promise<Reply> {
  const group = await requireGroup(deps, source);
  await deps.store.transaction(async (tx) => {
    const member = await joinMember({ ...deps, store: tx }, group, source);
    // Joining again is how someone who reopened their DMs asks for nudges there again.
    if (member.dmUnreachable) await tx.members.update(member.id, { dmUnreachable: false });
  });
  return privateText(
    `Welcome to ${group.name}! Log applications with /applied, rejections with /rejected, and progress with /update. I'll plan follow-ups and nudge you when they are due (never during your quiet hours, 21:00–08:00 unless you change them with /rebound quiet).`,
  );
}
