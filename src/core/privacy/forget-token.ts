/**
 * The forget-me confirmation button carries who asked, in which workspace, and until when it is
 * valid, so only that person, in that workspace, can confirm it, and only for a while.
 */
import type { WorkspaceRef } from '../types.ts';

export const FORGET_PREFIX = 'forget';
/** How long the confirmation button stays valid. */
export const FORGET_CONFIRM_TTL_MS = 30 * 60_000;

export interface ForgetConfirmation {
  readonly expiresAt: Date;
  readonly workspaceTag: string;
  readonly userId: string;
}

export type ForgetAction = { readonly kind: 'cancel' } | ({ readonly kind: 'confirm' } & ForgetConfirmation);

/** A short, stable tag of a workspace (FNV-1a): ids of different workspaces never match by accident in practice. */
export function workspaceTag(ws: WorkspaceRef): string {
  let h = 0x811c9dc5;
  for (const ch of `${ws.platform}:${ws.workspaceId}`) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export function confirmActionId(ws: WorkspaceRef, userId: string, now: Date): string {
  const expires = (now.getTime() + FORGET_CONFIRM_TTL_MS).toString(36);
  return `${FORGET_PREFIX}:confirm:${expires}:${workspaceTag(ws)}:${userId}`;
}

export const CANCEL_ACTION_ID = `${FORGET_PREFIX}:cancel`;

export function parseForgetAction(actionId: string): ForgetAction | null {
  if (actionId === CANCEL_ACTION_ID) return { kind: 'cancel' };
  const m = /^forget:confirm:([0-9a-z]{1,12}):([0-9a-f]{8}):(.{1,64})$/.exec(actionId);
  if (!m) return null;
  const expires = parseInt(m[1] ?? '', 36);
  if (!Number.isSafeInteger(expires)) return null;
  return { kind: 'confirm', expiresAt: new Date(expires), workspaceTag: m[2] ?? '', userId: m[3] ?? '' };
}
