/** The shapes a token, a URL and a Discord id setting must have, each refused with one line naming its variable. */
import { z } from 'zod';
import type { Variable } from './config.ts';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function token(
  variable: Variable,
  prefix: string,
  what: string,
  misplaced: Readonly<Record<string, string>>,
): z.ZodOptional<z.ZodString> {
  return z
    .string()
    .superRefine((value, context) => {
      let problem: string | null = null;
      if (!value.startsWith(prefix) || value.length === prefix.length) {
        const hint = Object.entries(misplaced).find(([other]) => value.startsWith(other));
        problem = `${variable} is malformed: ${what} starts with ${prefix}${hint ? ` (this one looks like ${hint[1]})` : ''}`;
      } else if (/\s/.test(value)) {
        problem = `${variable} is malformed: a token has no spaces or line breaks inside`;
      }
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .optional();
}

export function httpUrl(variable: Variable, example: string): z.ZodOptional<z.ZodString> {
  return z
    .string()
    .refine(
      (value) => {
        try {
          const url = new URL(value);
          return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
        } catch {
          return false;
        }
      },
      { error: `${variable} must be an http(s) URL without credentials, e.g. ${example}` },
    )
    .optional();
}

export function snowflake(variable: Variable, what: string): z.ZodOptional<z.ZodString> {
  return z
    .string()
    .regex(/^\d{1,20}$/, { error: `${variable} must be ${what}: a Discord id, digits only` })
    .optional();
}
