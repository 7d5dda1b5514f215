import type { Message } from '../messages.ts';
import type { Member, Visibility } from '../types.ts';

/** The group post for an entry, per its visibility: named, counted only, or none at all. */
export function entryPost(
  _member: Member,
  visibility: Visibility,
  text: { shared: string; counts: string },
): Message | null {
  if (visibility === 'private') return null;
  return { blocks: [{ type: 'text', text: visibility === 'shared' ? text.shared : text.counts }] };
}
