import type { InputFor } from '../commands/declarations.ts';
import type { CoreDeps } from '../deps.ts';
import type { EventSource } from '../events.ts';
import type { Block, Reply } from '../messages.ts';
import { daysBetween, formatDay, localDate } from '../time.ts';
import {
  ACTIVE_STATUSES,
  APPLICATION_STATUSES,
  type Application,
  type ApplicationEvent,
  type ApplicationStatus,
} from '../types.ts';
import { applicationButtons } from './act-on-application.ts';
import { memberZone, resolveMember } from './context.ts';
import { describeApplication } from './find-application.ts';

/** At most this many applications in one answer, so it stays readable (and within a platform's limits). */
const MOST = 40;
/** Applications that carry buttons: a message holds five rows of buttons on some platforms. */
const WITH_BUTTONS = 5;

const HEADINGS: Readonly<Record<ApplicationStatus, string>> = {
  applied: 'Applied',
  screening: 'Screening',
  interviewing: 'Interviewing',
  offer: 'Offer',
  accepted: 'Accepted',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  ghosted: 'Ghosted',
};

/**
 * `/applications [stage|all]`: the member's applications grouped by stage in pipeline order, most
 * recently moved first within a stage, each with its age since it was logged and its last event
 * (in the member's zone). The active ones by default. Reading only: it never makes anyone a member.
 */
export async function listApplications(
  deps: CoreDeps,
  source: EventSource,
  input: InputFor<'applications'>,
): Promise<Reply> {
  const { group, member } = await deps.store.transaction((tx) => resolveMember({ ...deps, store: tx }, source));
  const which = input.which ?? 'active';
  const shown: readonly ApplicationStatus[] =
    which === 'all' ? APPLICATION_STATUSES : which === 'active' ? ACTIVE_STATUSES : [which];
  const [all, latest] = await Promise.all([
    deps.store.applications.listByMember(member.id),
    deps.store.applications.latestEvents(member.id),
  ]);
  const now = deps.clock.now();
  const zone = memberZone(member, group);
  const lastAt = (a: Application) => (latest.get(a.id)?.at ?? a.updatedAt).getTime();
  const listed = all.filter((a) => shown.includes(a.status));
  const hidden = all.length - listed.length;

  if (listed.length === 0) {
    const none =
      all.length === 0
        ? 'You have not logged any applications yet. Log one with /applied Acme | Backend Engineer.'
        : which === 'all' || which === 'active'
          ? 'None of your applications is under way right now.'
          : `None of your applications is at ${which} right now.`;
    return reply([{ type: 'text', text: hint(none, which, hidden) }]);
  }

  const blocks: Block[] = [{ type: 'heading', text: title(which) }];
  let room = MOST;
  for (const status of APPLICATION_STATUSES.filter((s) => shown.includes(s))) {
    const here = listed.filter((a) => a.status === status).sort((a, b) => lastAt(b) - lastAt(a) || b.id - a.id);
    if (here.length === 0) continue;
    const lines = here.slice(0, Math.max(room, 0)).map((a) => `• ${line(a, latest.get(a.id) ?? null, now, zone)}`);
    room -= here.length;
    if (lines.length < here.length) lines.push(`…and ${here.length - lines.length} more`);
    blocks.push({ type: 'text', text: [`${HEADINGS[status]} (${here.length})`, ...lines].join('\n') });
  }
  const footer = hint('', which, hidden);
  if (footer) blocks.push({ type: 'text', text: footer });
  // Buttons for the first few, in the order shown (a message holds only so many rows of them).
  const ordered = APPLICATION_STATUSES.filter((s) => shown.includes(s)).flatMap((status) =>
    listed.filter((a) => a.status === status).sort((a, b) => lastAt(b) - lastAt(a) || b.id - a.id),
  );
  const withButtons = ordered.slice(0, WITH_BUTTONS);
  if (withButtons.length) {
    blocks.push({ type: 'divider' });
    for (const a of withButtons)
      blocks.push(
        { type: 'heading', text: describeApplication(a) },
        { type: 'buttons', buttons: applicationButtons(a) },
      );
    if (ordered.length > withButtons.length)
      blocks.push({
        type: 'text',
        text: `Buttons are on the first ${WITH_BUTTONS}: /applications <stage> narrows the list, /stage moves any of them.`,
      });
  }
  return reply(blocks);

  function line(a: Application, event: ApplicationEvent | null, at: Date, tz: string): string {
    const name = a.role ? `${a.role} at ${a.company}` : `${a.company} (no role given)`;
    const age = daysBetween(a.createdAt, at, tz);
    const logged = age === 0 ? 'logged today' : `logged ${age} day${age === 1 ? '' : 's'} ago`;
    const since = formatDay(event?.at ?? a.updatedAt, tz, Number(localDate(at, tz).slice(0, 4)));
    return `${name}: ${logged}, ${event?.status ?? a.status} since ${since}`;
  }
}

function title(which: string): string {
  if (which === 'all') return 'All your applications';
  if (which === 'active') return 'Your applications under way';
  return `Your applications at ${which}`;
}

/** Where the rest are: the active view says how many are closed and how to see them. */
function hint(text: string, which: string, hidden: number): string {
  if (which !== 'active' || hidden === 0) return text;
  const more = `${hidden} more ${hidden === 1 ? 'is' : 'are'} closed (rejected, withdrawn, accepted or ghosted): /applications all shows everything.`;
  return text ? `${text}\n${more}` : more;
}

function reply(blocks: Block[]): Reply {
  return { type: 'private', message: { blocks } };
}
