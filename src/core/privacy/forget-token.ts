/**
 * The forget-me buttons carry the number of a stored confirmation. The confirmation says who asked,
 * in which workspace, until when, and what was decided, so each is used once: a second press (or
 * the other button) reads what already happened.
 */
export const FORGET_PREFIX = 'forget';
/** How long the confirmation button stays valid. */
export const FORGET_CONFIRM_TTL_MS = 30 * 60_000;

export type ForgetAction = { readonly kind: 'confirm' | 'keep'; readonly confirmationId: number };

export function confirmActionId(confirmationId: number): string {
  return `${FORGET_PREFIX}:confirm:${confirmationId}`;
}

export function keepActionId(confirmationId: number): string {
  return `${FORGET_PREFIX}:keep:${confirmationId}`;
}

export function parseForgetAction(actionId: string): ForgetAction | null {
  const m = /^forget:(confirm|keep):(\d{1,15})$/.exec(actionId);
  if (!m) return null;
  return { kind: m[1] === 'keep' ? 'keep' : 'confirm', confirmationId: Number(m[2]) };
}
