/** Finding one of a member's applications by company, and role when they have several there. */
import type { Store } from '../ports/index.ts';
import { privateText, type Reply } from '../messages.ts';
import { ACTIVE_STATUSES, type Application, type ApplicationStatus } from '../types.ts';

/** Applications still under way (waiting on the company or on the member). */
const UNDER_WAY: ReadonlySet<ApplicationStatus> = new Set(ACTIVE_STATUSES);

export type ApplicationLookup =
  | { readonly kind: 'found'; readonly application: Application }
  /** Several roles at the company and none given: the member is asked which. */
  | { readonly kind: 'ambiguous'; readonly matches: readonly Application[] }
  /** Nothing matched; `atCompany` holds their applications to the company under other roles. */
  | { readonly kind: 'none'; readonly atCompany: readonly Application[] };

/** The member's application to `company` (newest first), narrowed by `role` when given. */
export async function findApplication(
  store: Store,
  memberId: number | null,
  company: string,
  role: string | null,
): Promise<ApplicationLookup> {
  const found = memberId === null ? [] : await store.applications.findByCompany(memberId, company);
  // `-` names the application logged without a role.
  const matches = role ? found.filter((a) => (role.trim() === '-' ? a.role === '' : sameRole(a.role, role))) : found;
  const [application] = matches;
  if (!application) return { kind: 'none', atCompany: found };
  if (!role && new Set(matches.map((a) => a.role.toLowerCase())).size > 1) {
    // Several roles, none named: the one still under way, when only one is.
    const open = matches.filter((a) => UNDER_WAY.has(a.status));
    const [only] = open;
    if (only && new Set(open.map((a) => a.role.toLowerCase())).size === 1) return { kind: 'found', application: only };
    return { kind: 'ambiguous', matches };
  }
  return { kind: 'found', application };
}

export function sameRole(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase('en') === b.trim().toLocaleLowerCase('en');
}

/** `Backend Engineer at Acme`, or `Acme` when no role was given. */
export function describeApplication(a: Application): string {
  return a.role ? `${a.role} at ${a.company}` : a.company;
}

/** Two applications at one company and no role given: which one, each with the command that names it. */
export function whichApplication(
  matches: readonly Application[],
  question: string,
  commandFor: (role: string) => string,
): Reply {
  const seen = new Set<string>();
  const lines = matches
    .filter((a) => !seen.has(a.role.toLowerCase()) && seen.add(a.role.toLowerCase()))
    .map((a) =>
      a.role ? `• ${a.role}: ${commandFor(a.role)}` : `• the one with no role (${a.status}): ${commandFor('-')}`,
    );
  return privateText(
    `You have ${matches.length} applications at ${matches[0]?.company ?? 'that company'}. ${question}`,
    lines.join('\n'),
  );
}
