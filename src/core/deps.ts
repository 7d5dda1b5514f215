import type { Clock } from './clock.ts';
import type { ChartRenderer, ChatPort, Logger, Store } from './ports/index.ts';
import type { FollowUpRule } from './rules.ts';

/** What every use case may use. Passed in, never imported, so tests can hand in fakes. */
export interface CoreDeps {
  readonly store: Store;
  readonly chat: ChatPort;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly rules: readonly FollowUpRule[];
  /** Renders the weekly digest's chart; without it the digest goes out as text only. */
  readonly charts?: ChartRenderer;
}
