/**
 * A slash command's acknowledgement, which can carry the command's answer. Slack waits 3 seconds
 * for it and shows a body it carries as the answer, so a private answer that is ready in time goes
 * out in that one HTTP response (or Socket Mode envelope) instead of a second request to the
 * response_url. Work that takes longer is acknowledged empty when the budget runs out and answered
 * through the response_url afterwards.
 */
import type { AckFn, RespondArguments } from '@slack/bolt';
import type { Logger } from '../../src/core/ports/index.ts';

/**
 * How long a command's work may take and still be answered in its acknowledgement. Commands that
 * only read and write the database take milliseconds and fit; one that also waits for Slack (a
 * group post, a users.info look-up) takes longer at Slack's usual latency, and its person should
 * not wait for that to be told the command arrived: the acknowledgement leaves at the budget and
 * the answer right after. Short, so an acknowledgement stays under 100 ms during a large delivery.
 */
export const ANSWER_IN_ACK_BUDGET_MS = 60;

export interface CommandAcknowledgement {
  /**
   * Sends the acknowledgement with this answer, unless it has already left (empty, at the budget);
   * says whether the answer went in it.
   */
  answer(body: RespondArguments): Promise<boolean>;
  /** Sends the acknowledgement empty, unless it has already left. */
  close(): Promise<void>;
}

/** Starts the budget: when it runs out before an answer, the acknowledgement leaves empty. */
export function acknowledgeWithin(
  ack: AckFn<string | RespondArguments>,
  budgetMs: number,
  logger: Logger,
): CommandAcknowledgement {
  let sent = false;
  const send = (body?: RespondArguments): Promise<void> => {
    sent = true;
    clearTimeout(timer);
    return ack(body);
  };
  const timer = setTimeout(() => {
    if (sent) return;
    send().catch((error: unknown) =>
      logger.error(
        { error: error instanceof Error ? error.message : 'unknown' },
        'could not acknowledge a slash command',
      ),
    );
  }, budgetMs);
  return {
    async answer(body) {
      if (sent) return false;
      await send(body);
      return true;
    },
    async close() {
      if (!sent) await send();
    },
  };
}
