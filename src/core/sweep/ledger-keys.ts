/**
 * Every entry the sweep writes to the delivery ledger, built here and nowhere else. A key is an
 * opaque idempotency token: the strings below are what stored data already holds, so they must not
 * change, and nothing reads a fact back out of one. What a later reader needs (the member, the
 * subject, the local date) is stored in its own column.
 */
import type { NewDelivery } from '../ports/ledger.ts';
import type { WorkspaceRef } from '../types.ts';

export type LedgerEntry =
  /** One item of a nudge: a follow-up at one due time (a snooze gives a new due time, so a new key). */
  | { readonly kind: 'nudge'; readonly memberId: number; readonly followUpId: number; readonly dueAt: Date }
  /** A group's check-in post for one of its local dates. */
  | { readonly kind: 'checkin'; readonly groupId: number; readonly localDate: string }
  /** A member's check-in reminder for one of the group's local dates. */
  | { readonly kind: 'reminder'; readonly memberId: number; readonly groupId: number; readonly localDate: string }
  /**
   * A reminder not sent because the member was paused: the day neither counts nor breaks their
   * streak. It takes the reminder's key, so no reminder goes out for that day afterwards.
   */
  | {
      readonly kind: 'reminder-paused';
      readonly memberId: number;
      readonly groupId: number;
      readonly localDate: string;
    }
  /** A group's weekly digest, for the ISO week it reports on. */
  | { readonly kind: 'digest'; readonly groupId: number; readonly isoWeek: string }
  /** The chart under a group's weekly digest: a platform call of its own, so a step of its own. */
  | { readonly kind: 'digest-chart'; readonly groupId: number; readonly isoWeek: string }
  /** A member's weekly network step (a follow-up is created; nothing is sent). */
  | { readonly kind: 'network'; readonly memberId: number; readonly groupId: number; readonly isoWeek: string }
  /** Marks a group's network steps made for the week, so later sweeps pass over it with one lookup. */
  | { readonly kind: 'network-week'; readonly groupId: number; readonly isoWeek: string };

/** The idempotency key of an entry. */
export function ledgerKey(entry: LedgerEntry): string {
  switch (entry.kind) {
    case 'nudge':
      return `nudge:${entry.followUpId}:${entry.dueAt.getTime()}`;
    case 'checkin':
      return `checkin:${entry.groupId}:${entry.localDate}`;
    case 'reminder':
    case 'reminder-paused':
      return `reminder:${entry.memberId}:${entry.localDate}`;
    case 'digest':
      return `digest:${entry.groupId}:${entry.isoWeek}`;
    case 'digest-chart':
      return `digest-chart:${entry.groupId}:${entry.isoWeek}`;
    case 'network':
      return `network:${entry.memberId}:${entry.isoWeek}`;
    case 'network-week':
      return `network-week:${entry.groupId}:${entry.isoWeek}`;
  }
}

/** The ledger row that claims an entry for `owner`. */
export function ledgerClaim(entry: LedgerEntry, workspace: WorkspaceRef, owner: string): NewDelivery {
  const common = { key: ledgerKey(entry), kind: entry.kind, workspace, owner };
  switch (entry.kind) {
    case 'nudge':
      return { ...common, memberId: entry.memberId, subjectId: entry.followUpId, localDate: null };
    case 'checkin':
      return { ...common, memberId: null, subjectId: entry.groupId, localDate: entry.localDate };
    case 'reminder':
    case 'reminder-paused':
      return { ...common, memberId: entry.memberId, subjectId: entry.groupId, localDate: entry.localDate };
    case 'digest':
    case 'digest-chart':
    case 'network-week':
      return { ...common, memberId: null, subjectId: entry.groupId, localDate: null };
    case 'network':
      return { ...common, memberId: entry.memberId, subjectId: entry.groupId, localDate: null };
  }
}
