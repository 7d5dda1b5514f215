import type { InputFor } from '../commands/declarations.ts';
import type { CoreDeps } from '../deps.ts';
import { UserError } from '../errors.ts';
import type { EventSource } from '../events.ts';
import { privateText, type Reply } from '../messages.ts';
import { adminNames } from './configure-group.ts';
import { requireGroup } from './context.ts';

/**
 * `/rebound config admin add|remove @person`: the group's admins, by platform user id. The router
 * has already checked that the caller is an admin. The last admin cannot remove themselves.
 */
export async function configureAdmins(
  deps: CoreDeps,
  source: EventSource,
  { action, user }: InputFor<'rebound config admin'>,
): Promise<Reply> {
  const group = await requireGroup(deps, source);
  const updated = await deps.store.transaction(async (tx) => {
    const current = (await tx.groups.getForUpdate(group.id)) ?? group;
    if (action === 'add') {
      if (current.adminUserIds.includes(user)) return current;
      return tx.groups.update(group.id, { adminUserIds: [...current.adminUserIds, user] });
    }
    if (!current.adminUserIds.includes(user)) throw new UserError("That person is not one of the group's admins.");
    const remaining = current.adminUserIds.filter((id) => id !== user);
    if (remaining.length === 0) {
      throw new UserError(
        "You are the group's last admin: add another admin first, then remove yourself.",
        '/rebound config admin add @bob',
      );
    }
    return tx.groups.update(group.id, { adminUserIds: remaining });
  });
  return privateText(`Saved. Admins: ${await adminNames(deps, updated)}.`);
}
