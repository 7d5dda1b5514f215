import type { Clock } from './clock.ts';
import type { CoreDeps } from './deps.ts';
import { InputError } from './commands/read-input.ts';
import { UserError } from './errors.ts';
import type { EventHandler } from './event-handler.ts';
import type { InboundEvent } from './events.ts';
import { privateText, type Reply } from './messages.ts';
import type { ChartRenderer, ChatPort, Logger, Store } from './ports.ts';
import { BUTTONS, FORMS, lookup, routeCommand } from './router.ts';
import { DEFAULT_RULES, type FollowUpRule } from './rules.ts';
import { DEFAULT_RETRY, type RetryPolicy } from './sweep/deliver.ts';
import { recordThreadReply } from './use-cases/record-check-in.ts';
import { recordReaction } from './use-cases/record-reaction.ts';
import { runSweep, type SweepReport } from './sweep/run-sweep.ts';

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
}

/** Rebound's core: the one inbound entry point and the sweep the heartbeat runs. */
export interface Rebound extends EventHandler {
  readonly deps: CoreDeps;
  sweep(): Promise<SweepReport>;
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
  const retry: RetryPolicy = { ...DEFAULT_RETRY, wait: options.wait ?? (async () => {}) };
  const owner = options.owner ?? 'rebound';
  return {
    deps,
    handle: (event) => handleEvent(deps, event),
    sweep: () => runSweep(deps, { owner, retry }),
  };
}

async function handleEvent(deps: CoreDeps, event: InboundEvent): Promise<Reply> {
  if (event.source.actor.isBot && event.kind !== 'reaction') return { type: 'none' };
  // One line per event, with where it happened and how it ended; never what anyone wrote.
  const group = deps.store.groups.findByChannel(
    { platform: event.source.platform, workspaceId: event.source.workspaceId },
    event.source.channelId,
  );
  const log = {
    platform: event.source.platform,
    workspace: event.source.workspaceId,
    group: group?.id ?? null,
    kind: event.kind,
    name: nameOf(event),
  };
  try {
    const reply = await dispatch(deps, event);
    deps.logger.info({ ...log, outcome: 'ok' }, 'event handled');
    return reply;
  } catch (error) {
    if (error instanceof UserError) {
      deps.logger.info({ ...log, outcome: 'user-error' }, 'event refused');
      if (event.kind === 'form-submit' && error instanceof InputError && error.problems.every((p) => p.field))
        return { type: 'form-errors', errors: Object.fromEntries(error.problems.map((p) => [p.field, p.message])) };
      if (event.kind === 'form-submit' && error.field)
        return { type: 'form-errors', errors: { [error.field]: error.message } };
      return privateText(error.text);
    }
    deps.logger.error(
      { ...log, outcome: 'error', error: error instanceof Error ? error.name : 'unknown' },
      'event failed',
    );
    return privateText('Something went wrong on my side, and nothing was saved. Please try again in a moment.');
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
      return recordThreadReply(deps, event);
  }
}
