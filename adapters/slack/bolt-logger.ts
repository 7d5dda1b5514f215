/** Bolt's logger, writing into Rebound's. */
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../src/core/ports/index.ts';

/** Bolt's own log lines, kept to warnings and errors and without arguments that may carry payloads. */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.WARN;
  const first = (args: unknown[]): string => (typeof args[0] === 'string' ? args[0] : 'bolt');
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...args: unknown[]) => logger.warn({ source: 'bolt' }, first(args)),
    error: (...args: unknown[]) => logger.error({ source: 'bolt' }, first(args)),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
