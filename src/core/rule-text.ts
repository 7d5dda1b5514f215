/** What a rule's wording may refer to, and the phrases several rules share. */

/** Company and role are already neutralised user text. */
export interface StepContext {
  readonly company: string | null;
  readonly role: string | null;
  /** The interview round a pipeline step is about. */
  readonly interview?: { readonly round: number; readonly kind: string } | null;
}

/** ` at Acme`, or nothing when the company is not known. */
export const at = (ctx: StepContext): string => (ctx.company ? ` at ${ctx.company}` : '');

/** `the Backend Engineer role at Acme`, `the role at Acme`, `the role`. */
export const roleAt = (ctx: StepContext): string =>
  [ctx.role ? `the ${ctx.role} role` : 'the role', ctx.company ? `at ${ctx.company}` : ''].filter(Boolean).join(' ');

/** `technical interview (round 2)`; `interview` when no round is known. */
export function roundName(ctx: StepContext): string {
  const i = ctx.interview;
  if (!i) return 'interview';
  return `${i.kind} interview${i.round > 1 ? ` (round ${i.round})` : ''}`;
}
