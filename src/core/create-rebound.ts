import type { Clock } from './clock.ts';
import { openHome } from './use-cases/show-home.ts';
import { suggestCompanies } from './use-cases/suggest-companies.ts';
import type { CoreDeps } from './deps.ts';
import { InputError } from './commands/read-input.ts';
import { UserError } from './errors.ts';
import type { EventHandler, WorkspaceLifecycle } from './event-handler.ts';
import { removeWorkspace } from './use-cases/remove-workspace.ts';
import { restoreWorkspace } from './use-cases/restore-workspace.ts';
import { DEFAULT_REMOVED_WORKSPACE_GRACE_MS } from './sweep/delete-removed-workspaces.ts';
import type { InboundEvent } from './events.ts';
import { privateText, type Reply } from './messages.ts';
import type { ChartRenderer, ChatPort, Logger, Store } from './ports/index.ts';
import { BUTTONS, FORMS, lookup, routeCommand } from './router.ts';
import { DEFAULT_RULES, type FollowUpRule } from './rules.ts';
import { DEFAULT_RETRY, type RetryPolicy } from './sweep/deliver.ts';
import { recordThreadReply } from './use-cases/record-check-in.ts';
import { answerDirectMessage } from './use-cases/answer-direct-message.ts';
import { noticingEnrolment } from './use-cases/context.ts';
import { recordReaction } from './use-cases/record-reaction.ts';
import { nextWake } from './sweep/next-wake.ts';
import { runSweep, SinglePass, type SweepReport } from './sweep/run-sweep.ts';
import { DEFAULT_QUEUE_LIMITS, DeliveryQueue, type QueueLimits } from './sweep/delivery-queue.ts';
import { CLAIM_LEASE_MS } from './sweep/recover-stale-claims.ts';
import type { NudgeTally } from './sweep/send-due-nudges.ts';

/** What a person sees when something unexpected failed: the one apology, whatever the platform. */
export const APOLOGY = 'Something went wrong on my side, and nothing was saved. Please try again in a moment.';

export interface ReboundOptions {
  readonly store: Store;
  readonly chat: ChatPort;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly rules?: readonly FollowUpRule[];
  /** How retries wait; defaults to not waiting at all (tests, the console). Production passes a timer. */
  readonly wait?: (ms: number) => Promise<void>;
  /** Identifies this process in the delivery ledger. */
  readonly owner?: string;
  /** Renders the weekly digest's chart (the composition passes the PNG renderer); optional so tests stay fast. */
  readonly charts?: ChartRenderer;
  readonly delivery?: DeliveryOptions;
}

export interface DeliveryOptions {
  /**
   * Let a sweep's sends drain in the background (production) instead of waiting for them (the
   * default: the console and tests see every send done when `sweep()` resolves).
   */
  readonly background?: boolean;
  readonly queue?: QueueLimits;
  /** Claims not renewed for this long belong to a process that died (default 60 s). */
  readonly claimLeaseMs?: number;
  /** How long transient failures are retried from the first one before the send is given up (default 24 h). */
  readonly retryWindowMs?: number;
  /** Told when a retry falls due (the heartbeat then sweeps at that moment). */
  readonly onRetryScheduled?: (at: Date) => void;
  /** How long a workspace that removed the bot keeps its data (default 30 days). */
  readonly removedWorkspaceGraceMs?: number;
}

/**
 * Rebound's core: the one inbound entry point and the sweep the heartbeat runs. `handle` never
 * throws: bad input becomes a private answer, anything unexpected is logged and becomes `APOLOGY`.
 */
export interface Rebound extends EventHandler {
  sweep(): Promise<SweepReport>;
  /** Renews the lease of every claim this process holds; a timer calls it well within the lease. */
  renewClaims(): Promise<number>;
  /**
   * Stops delivering: nothing more is claimed or started, queued sends give their claims back, and
   * it resolves when the sends in progress have finished or `deadline` resolved.
   */
  stopDelivery(deadline: Promise<void>): Promise<{ released: number; unfinished: number }>;
  /** The next moment after `after` when a sweep would have something to do, or null (the console's time travel). */
  nextWakeUp(after: Date): Promise<Date | null>;
  /** What adapters report of the bot leaving and joining workspaces. */
  readonly workspaces: WorkspaceLifecycle;
}

export function createRebound(options: ReboundOptions): Rebound {
  const deps: CoreDeps = {
    store: options.store,
    chat: options.chat,
    clock: options.clock,
    logger: options.logger,
    rules: options.rules ?? DEFAULT_RULES,
    ...(options.charts ? { charts: options.charts } : {}),
  };
  const delivery = options.delivery ?? {};
  const retry: RetryPolicy = {
    ...DEFAULT_RETRY,
    ...(delivery.retryWindowMs !== undefined ? { retryWindowMs: delivery.retryWindowMs } : {}),
    ...(delivery.onRetryScheduled ? { onRetryScheduled: delivery.onRetryScheduled } : {}),
    wait: options.wait ?? (async () => {}),
  };
  const owner = options.owner ?? 'rebound';
  const queue = new DeliveryQueue(delivery.queue ?? DEFAULT_QUEUE_LIMITS, (error) =>
    deps.logger.error({ error: error instanceof Error ? error.message : 'unknown' }, 'queued send failed'),
  );
  const sweepOptions = {
    owner,
    retry,
    queue,
    nudgePass: new SinglePass<NudgeTally>(),
    drain: !delivery.background,
    claimLeaseMs: delivery.claimLeaseMs ?? CLAIM_LEASE_MS,
    removedWorkspaceGraceMs: delivery.removedWorkspaceGraceMs ?? DEFAULT_REMOVED_WORKSPACE_GRACE_MS,
  };
  return {
    handle: (event) => handleEvent(deps, event),
    suggest: async (request) => {
      try {
        return await suggestCompanies(deps, request);
      } catch (error) {
        deps.logger.warn({ error: error instanceof Error ? error.name : 'unknown' }, 'suggestions failed');
        return [];
      }
    },
    sweep: () => runSweep(deps, sweepOptions),
    renewClaims: () => deps.store.deliveries.renewClaims(owner, deps.clock.now()),
    stopDelivery: (deadline) => queue.stop(deadline),
    nextWakeUp: (after) => nextWake(deps, after),
    workspaces: {
      removed: (workspace) => removeWorkspace(deps, workspace),
      installed: (workspace) => restoreWorkspace(deps, workspace),
    },
  };
}

type EventLog = Parameters<Logger['info']>[0];

async function handleEvent(deps: CoreDeps, event: InboundEvent): Promise<Reply> {
  let log: EventLog = {};
  try {
    if (event.source.actor.isBot && event.kind !== 'reaction') return { type: 'none' };
    // One line per event, with where it happened and how it ended; never what anyone wrote.
    log = { platform: event.source.platform, workspace: event.source.workspaceId, kind: event.kind };
    const group = await deps.store.groups.findByChannel(
      { platform: event.source.platform, workspaceId: event.source.workspaceId },
      event.source.channelId,
    );
    log = { ...log, group: group?.id ?? null, name: nameOf(event) };
    const reply = await dispatch(deps, event);
    note(() => deps.logger.info({ ...log, outcome: 'ok' }, 'event handled'));
    return reply;
  } catch (error) {
    if (error instanceof UserError) {
      note(() => deps.logger.info({ ...log, outcome: 'user-error' }, 'event refused'));
      if (event.kind === 'form-submit' && error instanceof InputError && error.problems.every((p) => p.field))
        return { type: 'form-errors', errors: Object.fromEntries(error.problems.map((p) => [p.field, p.message])) };
      if (event.kind === 'form-submit' && error.field)
        return { type: 'form-errors', errors: { [error.field]: error.message } };
      return privateText(error.text);
    }
    note(() =>
      deps.logger.error(
        { ...log, outcome: 'error', error: error instanceof Error ? error.name : 'unknown' },
        'event failed',
      ),
    );
    return privateText(APOLOGY);
  }
}

/** A log line that cannot be written must not change what the person is told. */
function note(write: () => void): void {
  try {
    write();
  } catch {
    // Nothing better to do: the logger is the place failures would be reported.
  }
}

function nameOf(event: InboundEvent): string {
  switch (event.kind) {
    case 'command':
      return event.command;
    case 'button':
      return event.actionId.split(':')[0] ?? '';
    case 'form-submit':
      return event.formId.split(':')[0] ?? '';
    default:
      return event.kind;
  }
}

function dispatch(deps: CoreDeps, event: InboundEvent): Reply | Promise<Reply> {
  switch (event.kind) {
    case 'command':
      return routeCommand(deps, event);
    case 'button': {
      const handler = lookup(BUTTONS, event.actionId.split(':')[0] ?? '');
      if (!handler) throw new UserError('That button no longer does anything.');
      return handler(deps, event);
    }
    case 'form-submit': {
      const handler = lookup(FORMS, event.formId.split(':')[0] ?? '');
      if (!handler) throw new UserError('That form has expired. Please run the command again.');
      return handler(deps, event);
    }
    case 'reaction':
      return recordReaction(deps, event);
    case 'thread-reply':
      return noticingEnrolment(deps, event.source, () => recordThreadReply(deps, event));
    case 'home-opened':
      return openHome(deps, event.source, event.refresh === true);
    case 'direct-message':
      return answerDirectMessage();
  }
}
