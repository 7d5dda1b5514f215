import type { CoreDeps } from '../deps.ts';
import type { EventSource } from '../events.ts';
import type { InputFor } from '../commands/declarations.ts';
import { privateText, type Reply } from '../messages.ts';
import { resolveMember } from './context.ts';

/** `/rebound reminders on|off`: whether the member gets the daily check-in reminder. */
export async function setReminders(
  deps: CoreDeps,
  source: EventSource,
  { state }: InputFor<'rebound reminders'>,
): Promise<Reply> {
  await deps.store.transaction(async (tx) => {
    const { member } = await resolveMember({ ...deps, store: tx }, source);
    await tx.members.update(member.id, { checkInReminders: state === 'on' });
  });
  return privateText(
    state === 'on'
      ? 'Check-in reminders are on: on a check-in day you have not logged anything, I remind you at reminder time.'
      : 'Check-in reminders are off. The daily thread is still there whenever you want it, and your nudges are not affected.',
  );
}
