import type { Clock } from './clock.ts';
import type { ChatPort, Logger, Store } from './ports.ts';
import type { FollowUpRule } from './rules.ts';

/** What every use case may use. Passed in, never imported, so tests can hand in fakes. */
export interface CoreDeps {
  readonly store: Store;
  readonly chat: ChatPort;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly rules: readonly FollowUpRule[];
}
