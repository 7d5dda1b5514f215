import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import { COMMANDS, type InputFor } from '../commands/declarations.ts';
import type { EventSource } from '../events.ts';
import { privateText, type Reply } from '../messages.ts';
import { formatClock, parseClock } from '../time.ts';
import { resolveMember } from './context.ts';

/** `/rebound quiet HH-HH`: hours when nudges wait (`off` for none). */
export async function setQuietHours(
  deps: CoreDeps,
  source: EventSource,
  input: InputFor<'rebound quiet'>,
): Promise<Reply> {
  const text = input.hours.toLowerCase();
  let start: number | null;
  let end: number | null;
  if (text === 'off') {
    start = 0;
    end = 0;
  } else {
    const parts = text.split('-');
    start = parts.length === 2 ? parseClock(parts[0] ?? '') : null;
    end = parts.length === 2 ? parseClock(parts[1] ?? '') : null;
    if (start === null || end === null)
      throw new UserError('Give quiet hours as start-end, in your local time.', COMMANDS['rebound quiet'].example);
  }
  await deps.store.transaction(async (tx) => {
    const { member } = await resolveMember({ ...deps, store: tx }, source);
    await tx.members.update(member.id, { quietStartMinute: start ?? 0, quietEndMinute: end ?? 0 });
  });
  return privateText(
    start === end
      ? 'Quiet hours are off.'
      : `Quiet hours: ${formatClock(start ?? 0)}–${formatClock(end ?? 0)}. Nudges that fall due then wait until they end.`,
  );
}
