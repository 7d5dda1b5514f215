/** What a line typed into the console asks for. */
import type { MentionToken } from '../../src/core/commands/fields.ts';
import { SLASH_COMMANDS } from '../../src/core/commands/declarations.ts';

export type ConsoleInput =
  | { readonly kind: 'nothing' }
  | { readonly kind: 'command'; readonly user: string | null; readonly name: string; readonly text: string }
  | { readonly kind: 'time'; readonly user: string | null; readonly arg: string }
  | {
      readonly kind: 'react';
      readonly user: string | null;
      readonly post: string;
      readonly emoji: string;
      readonly added: boolean;
    }
  | { readonly kind: 'click'; readonly user: string | null; readonly button: string }
  | { readonly kind: 'reply'; readonly user: string | null; readonly date: string; readonly text: string }
  | {
      readonly kind: 'submit';
      readonly user: string | null;
      readonly form: string;
      readonly fields: Readonly<Record<string, string>>;
    }
  | { readonly kind: 'help' }
  | { readonly kind: 'unknown'; readonly user: string | null; readonly text: string };

const USER = /^@([A-Za-z0-9._-]{1,32})$/;

export function parseLine(raw: string): ConsoleInput {
  let line = raw.trim();
  if (line === '' || line.startsWith('#')) return { kind: 'nothing' };
  let user: string | null = null;
  const who = /^@([A-Za-z0-9._-]{1,32})\s+(.*)$/.exec(line);
  if (who) {
    user = (who[1] ?? '').toLowerCase();
    line = (who[2] ?? '').trim();
  }
  if (line.startsWith('/')) {
    const m = /^\/([a-z-]+)(?:\s+([\s\S]*))?$/i.exec(line);
    const name = m?.[1]?.toLowerCase();
    if (name && SLASH_COMMANDS.includes(name)) return { kind: 'command', user, name, text: m?.[2] ?? '' };
    return { kind: 'unknown', user, text: line };
  }
  const [verb = '', ...rest] = line.split(/\s+/);
  // A trailing @name says who does it: `:react p3 🎉 @bob`.
  const last = rest[rest.length - 1];
  if (last && USER.test(last) && (verb === ':react' || verb === ':unreact' || verb === ':click')) {
    user = (USER.exec(last)?.[1] ?? '').toLowerCase();
    rest.pop();
  }
  switch (verb) {
    case ':time':
      return { kind: 'time', user, arg: rest.join(' ') };
    case ':react':
    case ':unreact':
      return {
        kind: 'react',
        user,
        post: rest[0] ?? '',
        emoji: rest.slice(1).join(' ') || '👍',
        added: verb === ':react',
      };
    case ':click':
      return { kind: 'click', user, button: rest[0] ?? '' };
    case ':reply':
      return { kind: 'reply', user, date: rest[0] ?? '', text: rest.slice(1).join(' ') };
    case ':submit': {
      const body = line.slice(line.indexOf(rest[0] ?? '') + (rest[0] ?? '').length);
      const fields: Record<string, string> = {};
      for (const part of body.split('|')) {
        const eq = part.indexOf('=');
        if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
      }
      return { kind: 'submit', user, form: rest[0] ?? '', fields };
    }
    case ':home':
      // The member's home, as /rebound home shows it on every platform.
      return { kind: 'command', user, name: 'rebound', text: 'home' };
    case ':help':
      return { kind: 'help' };
    default:
      return { kind: 'unknown', user, text: line };
  }
}

/** `+1d`, `+3h`, `+90m`, `+1d12h`, a local date-time `2026-12-01T09:00`, or `now` (the real clock). */
export function parseTimeArg(
  arg: string,
): { kind: 'relative'; ms: number } | { kind: 'absolute'; iso: string } | { kind: 'now' } | null {
  const t = arg.trim();
  if (t.toLowerCase() === 'now') return { kind: 'now' };
  if (/^\+(\d+[dhm])+$/.test(t)) {
    let ms = 0;
    for (const [, n, unit] of t.matchAll(/(\d+)([dhm])/g))
      ms += Number(n) * (unit === 'd' ? 86_400_000 : unit === 'h' ? 3_600_000 : 60_000);
    return ms > 0 ? { kind: 'relative', ms } : null;
  }
  if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/.test(t)) return { kind: 'absolute', iso: t };
  return null;
}

/** The console's mentions: `@bob` is the user bob; `@everyone`, `@here` and `@channel` are not one person. */
export function consoleMention(word: string): MentionToken | null {
  const m = USER.exec(word);
  if (!m) return null;
  const name = (m[1] ?? '').toLowerCase();
  if (name === 'everyone') return { kind: 'everyone' };
  if (name === 'here' || name === 'channel') return { kind: 'here' };
  return { kind: 'user', userId: name };
}
