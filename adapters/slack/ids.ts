/**
 * Slack ids the adapter has to carry across requests. The core works with the platform's own ids
 * scoped by a workspace; these helpers only cover what Slack does not send back by itself.
 */

/**
 * What a modal must remember about where it was opened: view submissions carry no channel, yet
 * the core needs it to find the group.
 */
export interface FormContext {
  readonly channelId: string;
  readonly channelName?: string;
}

export function encodeFormContext(context: FormContext): string {
  return JSON.stringify({ c: context.channelId, n: context.channelName ?? null });
}

export function decodeFormContext(metadata: string | undefined): FormContext | null {
  if (!metadata) return null;
  try {
    const parsed: unknown = JSON.parse(metadata);
    if (typeof parsed !== 'object' || parsed === null) return null;
    const c: unknown = 'c' in parsed ? parsed.c : undefined;
    const n: unknown = 'n' in parsed ? parsed.n : undefined;
    if (typeof c !== 'string' || c.length === 0) return null;
    return typeof n === 'string' ? { channelId: c, channelName: n } : { channelId: c };
  } catch {
    return null;
  }
}
