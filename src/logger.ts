/**
 * Structured logs: one JSON object per line, through pino. Two guards keep secrets out of them:
 * fields whose name says they hold a credential are censored, and the secret values from the
 * settings are scrubbed from every finished line, wherever they would appear (a message, a field,
 * an error's stack, a line an SDK writes through the raw pino instance).
 */
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { LogLevel } from './config.ts';
import type { Logger } from './core/ports/index.ts';

type Fields = Readonly<Record<string, string | number | boolean | null>>;

/** The core's `Logger` port, plus what the composition root and adapters need. */
export interface AppLogger extends Logger {
  debug(fields: Fields, message: string): void;
  /** A logger whose every line carries `bindings` (e.g. `{ adapter: 'slack' }`). */
  child(bindings: Fields): AppLogger;
  /** The pino instance underneath, for libraries that accept one; the same guards apply. */
  readonly pino: PinoLogger;
}

export interface CreateLoggerOptions {
  readonly level: LogLevel;
  /** Where the JSON lines go; standard output when absent. */
  readonly destination?: DestinationStream;
  /** Values to scrub from every line: the tokens and secrets from the settings (`secretsOf`). */
  readonly secrets?: readonly string[];
}

export const REDACTED = '[redacted]';

/** Field names that hold credentials: `token`, `botToken`, `signingSecret`, `password`, `Authorization`… */
const CREDENTIAL_FIELD = /(token|secret|password|authorization)s?$/i;
const MAX_DEPTH = 8;
const CHILD_BINDING_PATHS = [
  'token',
  'secret',
  'password',
  'authorization',
  'Authorization',
  'botToken',
  'appToken',
  'signingSecret',
];

export function createLogger(options: CreateLoggerOptions): AppLogger {
  const destination = options.destination ?? pino.destination({ dest: 1, sync: true });
  const instance = pino(
    {
      level: options.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      // The formatter below censors logged fields at any depth; pino's own redaction also covers
      // the bindings of children made from the raw instance, which no formatter sees.
      redact: { paths: CHILD_BINDING_PATHS, censor: REDACTED },
      formatters: {
        level: (label) => ({ level: label }),
        bindings: (bindings) => censorFields(bindings, 0, new WeakSet()),
        log: (fields) => censorFields(fields, 0, new WeakSet()),
      },
    },
    scrubbing(destination, options.secrets ?? []),
  );
  return wrap(instance);
}

function wrap(instance: PinoLogger): AppLogger {
  return {
    pino: instance,
    debug: (fields, message) => instance.debug(fields, message),
    info: (fields, message) => instance.info(fields, message),
    warn: (fields, message) => instance.warn(fields, message),
    error: (fields, message) => instance.error(fields, message),
    child: (bindings) => wrap(instance.child(bindings)),
  };
}

/** Copies plain objects and arrays, censoring credential fields; other values pass as they are. */
function censorFields(fields: Record<string, unknown>, depth: number, seen: WeakSet<object>): Record<string, unknown> {
  seen.add(fields);
  const censored: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    censored[key] =
      CREDENTIAL_FIELD.test(key) && value !== undefined && value !== null
        ? REDACTED
        : censorValue(value, depth + 1, seen);
  }
  return censored;
}

function censorValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    seen.add(value);
    return value.map((item: unknown) => censorValue(item, depth + 1, seen));
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  return censorFields(value as Record<string, unknown>, depth, seen);
}

/**
 * Replaces each secret in every line before it is written. A line is finished JSON by then, so a
 * secret holding a quote or a backslash is looked for in its escaped form too; the replacement has
 * neither, so the line stays valid JSON.
 */
function scrubbing(destination: DestinationStream, secrets: readonly string[]): DestinationStream {
  const needles = [
    ...new Set(
      secrets.filter((secret) => secret !== '').flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]),
    ),
  ]
    // Longest first, so a secret that contains another is replaced whole.
    .sort((a, b) => b.length - a.length);
  if (needles.length === 0) return destination;
  return {
    write(line: string): void {
      let scrubbed = line;
      for (const needle of needles) scrubbed = scrubbed.replaceAll(needle, REDACTED);
      destination.write(scrubbed);
    },
  };
}
