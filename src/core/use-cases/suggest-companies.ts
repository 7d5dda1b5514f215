/**
 * Suggestions while a command is typed (Discord's autocomplete): the companies of the caller's
 * own applications, for a field declared with `suggest: 'own-companies'`. Reads only; never
 * enrols anyone, never throws (an unknown caller or group gets no suggestions).
 */
import { commandById } from '../commands/declarations.ts';
import type { CoreDeps } from '../deps.ts';
import type { Suggestion, SuggestRequest } from '../event-handler.ts';
import { workspaceOf } from './context.ts';

/** Discord shows at most 25 choices. */
const MAX = 25;

export async function suggestCompanies(deps: CoreDeps, request: SuggestRequest): Promise<readonly Suggestion[]> {
  const field = commandById(request.command)?.fields.find((f) => f.id === request.field);
  if (!field || field.kind !== 'text' || field.suggest !== 'own-companies') return [];
  const ws = workspaceOf(request.source);
  const group = await deps.store.groups.findByChannel(ws, request.source.channelId);
  const memberships = group
    ? [await deps.store.members.find(group.id, request.source.actor.userId)]
    : await deps.store.members.listByUser(ws, request.source.actor.userId);
  const typed = request.text.trim().toLocaleLowerCase('en');
  const seen = new Set<string>();
  const found: Suggestion[] = [];
  for (const member of memberships) {
    if (!member) continue;
    // Newest first, so the application someone is likely to mean comes first.
    for (const a of (await deps.store.applications.listByMember(member.id)).reverse()) {
      const key = a.company.toLocaleLowerCase('en');
      if (seen.has(key) || !key.includes(typed)) continue;
      seen.add(key);
      found.push({ value: a.company, label: a.company });
    }
  }
  // Those that start with what was typed before those that merely contain it.
  return [
    ...found.filter((s) => s.value.toLocaleLowerCase('en').startsWith(typed)),
    ...found.filter((s) => !s.value.toLocaleLowerCase('en').startsWith(typed)),
  ].slice(0, MAX);
}
