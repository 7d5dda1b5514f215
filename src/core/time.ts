/**
 * Local-time arithmetic on IANA timezones, with luxon doing the calendar work. Times are wall-clock
 * times in a zone: 10:00 stays 10:00 across DST, and a time that does not exist on a DST day moves
 * forward to the first minute that does.
 */
import { DateTime, IANAZone } from 'luxon';
import type { MinuteOfDay, Weekday } from './types.ts';

const knownZones = new Map<string, boolean>();

export function isValidTimezone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  let valid = knownZones.get(zone);
  if (valid === undefined) {
    // Checking builds an Intl formatter, which is slow: remember the answer (the set of names is small).
    valid = IANAZone.isValidZone(zone);
    if (knownZones.size < 1000) knownZones.set(zone, valid);
  }
  return valid;
}

/**
 * The runtime lists some zones under their old names; people know the current ones. Both are
 * valid zone names, and these are the ones we store.
 */
const CURRENT_NAMES = [
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Ho_Chi_Minh',
  'Asia/Yangon',
  'Europe/Kyiv',
  'America/Nuuk',
  'Atlantic/Faroe',
  'Pacific/Chuuk',
  'Pacific/Pohnpei',
  'America/Argentina/Buenos_Aires',
  'America/Indiana/Indianapolis',
  'America/Kentucky/Louisville',
];
let zonesByLowerName: Map<string, string> | null = null;

/**
 * The canonical name of a timezone typed in any case (`asia/kolkata` → `Asia/Kolkata`), or null.
 * Fixed abbreviations such as `EST` are refused: they ignore daylight saving time where people live.
 */
export function canonicalTimezone(text: string): string | null {
  const typed = text.trim();
  if (typed === '' || typed.length > 64) return null;
  if (/^(utc|gmt|etc\/utc|z)$/i.test(typed)) return 'UTC';
  if (!typed.includes('/')) return null;
  zonesByLowerName ??= new Map(
    [...Intl.supportedValuesOf('timeZone'), ...CURRENT_NAMES].map((zone) => [zone.toLowerCase(), zone]),
  );
  const known = zonesByLowerName.get(typed.toLowerCase());
  if (known) return known;
  return isValidTimezone(typed) ? typed : null;
}

/** The Area/City zone most people mean by a fixed abbreviation (or a bare city name). */
const ZONES_BY_ABBREVIATION: Readonly<Record<string, string>> = {
  est: 'America/New_York',
  edt: 'America/New_York',
  et: 'America/New_York',
  cst: 'America/Chicago',
  cdt: 'America/Chicago',
  ct: 'America/Chicago',
  mst: 'America/Denver',
  mdt: 'America/Denver',
  mt: 'America/Denver',
  pst: 'America/Los_Angeles',
  pdt: 'America/Los_Angeles',
  pt: 'America/Los_Angeles',
  akst: 'America/Anchorage',
  akdt: 'America/Anchorage',
  hst: 'Pacific/Honolulu',
  ast: 'America/Halifax',
  adt: 'America/Halifax',
  nst: 'America/St_Johns',
  ndt: 'America/St_Johns',
  brt: 'America/Sao_Paulo',
  art: 'America/Argentina/Buenos_Aires',
  bst: 'Europe/London',
  wet: 'Europe/Lisbon',
  west: 'Europe/Lisbon',
  cet: 'Europe/Paris',
  cest: 'Europe/Paris',
  eet: 'Europe/Athens',
  eest: 'Europe/Athens',
  msk: 'Europe/Moscow',
  sast: 'Africa/Johannesburg',
  wat: 'Africa/Lagos',
  cat: 'Africa/Maputo',
  eat: 'Africa/Nairobi',
  ist: 'Asia/Kolkata',
  pkt: 'Asia/Karachi',
  ict: 'Asia/Bangkok',
  wib: 'Asia/Jakarta',
  sgt: 'Asia/Singapore',
  hkt: 'Asia/Hong_Kong',
  pht: 'Asia/Manila',
  jst: 'Asia/Tokyo',
  kst: 'Asia/Seoul',
  awst: 'Australia/Perth',
  acst: 'Australia/Adelaide',
  acdt: 'Australia/Adelaide',
  aest: 'Australia/Sydney',
  aedt: 'Australia/Sydney',
  nzst: 'Pacific/Auckland',
  nzdt: 'Pacific/Auckland',
};

/**
 * For a refused zone, the Area/City name the person most likely meant: `EST` → America/New_York,
 * `berlin` → Europe/Berlin; null when there is no good guess.
 */
export function suggestTimezone(text: string): string | null {
  const typed = text.trim().toLowerCase();
  if (Object.hasOwn(ZONES_BY_ABBREVIATION, typed)) return ZONES_BY_ABBREVIATION[typed] ?? null;
  if (typed.length < 3 || typed.includes('/')) return null;
  const city = typed.replace(/\s+/g, '_');
  return (
    [...Intl.supportedValuesOf('timeZone'), ...CURRENT_NAMES].find((zone) => zone.toLowerCase().endsWith(`/${city}`)) ??
    null
  );
}

/**
 * A zone's UTC offset in minutes at an instant, cached per zone and quarter hour: the sweep asks
 * for thousands of members' local times at once, and luxon's own lookup costs ~15 µs each. Most
 * transitions fall on whole quarter hours of UTC, but not all (St. John's changed at 00:01 local,
 * 03:31 UTC, until 2011): a quarter hour whose two ends differ is looked up instant by instant.
 */
const QUARTER_HOUR_MS = 15 * 60_000;
/** Marks a quarter hour with a transition inside it: its instants are looked up one by one. */
const CHANGES_WITHIN = Number.NaN;
const offsets = new Map<string, number>();
function offsetMinutes(ms: number, zone: string): number {
  const bucket = Math.floor(ms / QUARTER_HOUR_MS);
  const key = `${zone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size >= 100_000) offsets.clear();
    const iana = IANAZone.create(zone);
    const first = iana.offset(bucket * QUARTER_HOUR_MS);
    offset = first === iana.offset((bucket + 1) * QUARTER_HOUR_MS - 1) ? first : CHANGES_WITHIN;
    offsets.set(key, offset);
  }
  return Number.isNaN(offset) ? IANAZone.create(zone).offset(ms) : offset;
}

/** The wall clock of an instant in a zone, as a Date whose UTC fields read as local time. */
function wallClock(instant: Date, zone: string): Date {
  return new Date(instant.getTime() + offsetMinutes(instant.getTime(), zone) * 60_000);
}

/** The local calendar date of an instant in a zone, `YYYY-MM-DD`. */
export function localDate(instant: Date, zone: string): string {
  return wallClock(instant, zone).toISOString().slice(0, 10);
}

/** The local day of an instant in a zone, `3 Dec`, with its year when that is not `currentYear`. */
export function formatDay(instant: Date, zone: string, currentYear?: number): string {
  const wall = wallClock(instant, zone);
  const day = `${wall.getUTCDate()} ${SHORT_MONTHS[wall.getUTCMonth()]}`;
  return currentYear === undefined || wall.getUTCFullYear() === currentYear ? day : `${day} ${wall.getUTCFullYear()}`;
}

/** Whole local calendar days from `earlier` to `later` in a zone (0 on the same local day). */
export function daysBetween(earlier: Date, later: Date, zone: string): number {
  return Math.round((utcMidnight(localDate(later, zone)) - utcMidnight(localDate(earlier, zone))) / DAY_MS);
}

/** Minutes since local midnight of an instant in a zone. */
export function localMinuteOfDay(instant: Date, zone: string): MinuteOfDay {
  const wall = wallClock(instant, zone);
  return wall.getUTCHours() * 60 + wall.getUTCMinutes();
}

// Plain calendar dates carry no zone: their arithmetic is done on UTC midnights, where every day
// has 24 hours.
const DAY_MS = 86_400_000;
const utcMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`);
const isoWeekday = (utc: Date) => (((utc.getUTCDay() + 6) % 7) + 1) as Weekday;

export function weekdayOfDate(date: string): Weekday {
  return isoWeekday(new Date(utcMidnight(date)));
}

/** `date` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The next Monday–Friday date strictly after `date`. */
export function nextBusinessDay(date: string): string {
  let d = addDays(date, 1);
  while (weekdayOfDate(d) > 5) d = addDays(d, 1);
  return d;
}

/**
 * The instant at which the wall clock in `zone` shows `minute` on `date`. A wall time skipped by
 * a DST change resolves to the first valid minute after the gap; a repeated one to its first instance.
 */
export function atLocalTime(date: string, minute: MinuteOfDay, zone: string): Date {
  // Many members share a zone and a due day: the answer is remembered (luxon's lookup is slow).
  const key = `${zone}|${date}|${minute}`;
  let ms = resolvedWallTimes.get(key);
  if (ms === undefined) {
    if (resolvedWallTimes.size >= 50_000) resolvedWallTimes.clear();
    ms = resolveWallTime(date, minute, zone).getTime();
    resolvedWallTimes.set(key, ms);
  }
  return new Date(ms);
}

const resolvedWallTimes = new Map<string, number>();

function resolveWallTime(date: string, minute: MinuteOfDay, zone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wanted = { year: y, month: m, day: d, hour: Math.floor(minute / 60), minute: minute % 60 };
  const candidate = DateTime.fromObject(wanted, { zone });
  if (candidate.hour === wanted.hour && candidate.minute === wanted.minute && candidate.day === d) {
    // A repeated wall time (fall-back): prefer the earlier instant when it shows the same time.
    const before = DateTime.fromMillis(candidate.toMillis() - 6 * 3600_000, { zone });
    const shift = before.offset - candidate.offset;
    if (shift > 0) {
      const earlier = DateTime.fromMillis(candidate.toMillis() - shift * 60_000, { zone });
      if (earlier.hour === wanted.hour && earlier.minute === wanted.minute && earlier.day === d)
        return earlier.toJSDate();
    }
    return candidate.toJSDate();
  }
  // Inside a DST gap: find the first instant whose wall time is at or after the wanted one.
  const wantedWall = Date.UTC(y, m - 1, d, wanted.hour, wanted.minute);
  const wallOf = (ms: number) => {
    const t = DateTime.fromMillis(ms, { zone });
    return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
  };
  let lo = candidate.toMillis() - 4 * 3600_000; // wall time before the wanted one
  let hi = candidate.toMillis() + 4 * 3600_000; // wall time after it
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (wallOf(mid) >= wantedWall) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** Parses `HH:MM` (or `H`, `HH`) into minutes since midnight; null when malformed. */
export function parseClock(text: string): MinuteOfDay | null {
  const m = /^(\d{1,2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

export function formatClock(minute: MinuteOfDay): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** Whether a local minute of day falls in a quiet window that may wrap midnight (21:00–08:00). */
export function inWindow(minute: MinuteOfDay, start: MinuteOfDay, end: MinuteOfDay): boolean {
  if (start === end) return false;
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

const SHORT_WEEKDAYS = Array.from({ length: 7 }, (_, i) =>
  new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 10, 1 + i))),
);
const SHORT_MONTHS = Array.from({ length: 12 }, (_, i) =>
  new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, i, 1))),
);
const pad2 = (n: number) => String(n).padStart(2, '0');

/** A member's zone shown beside their group's: a time then names the zone when the clocks differ. */
export interface ZoneBesideGroup {
  readonly zone: string;
  readonly groupZone: string;
}

/**
 * A short, friendly rendering of an instant in a zone: `Thu 26 Nov, 10:00` (en-GB names). Beside a
 * group whose clock shows another time then, it names the zone: `Thu 3 Dec, 10:00 IST`.
 */
export function formatWhen(instant: Date, zone: string | ZoneBesideGroup): string {
  const own = typeof zone === 'string' ? zone : zone.zone;
  const wall = wallClock(instant, own);
  const when = `${SHORT_WEEKDAYS[wall.getUTCDay()]} ${wall.getUTCDate()} ${SHORT_MONTHS[wall.getUTCMonth()]}, ${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}`;
  if (typeof zone === 'string') return when;
  const ms = instant.getTime();
  return offsetMinutes(ms, own) === offsetMinutes(ms, zone.groupZone) ? when : `${when} ${zoneName(instant, own)}`;
}

// The locales whose short names people use for their zones (IST in India, CET in Europe, AEDT in Australia).
const NAMING_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU'];
const zoneNames = new Map<string, string>();

/** The short name of a zone at an instant (`IST`, `CET`, `EDT`), else its offset (`GMT+9`). */
export function zoneName(instant: Date, zone: string): string {
  const key = `${zone}|${offsetMinutes(instant.getTime(), zone)}`;
  let name = zoneNames.get(key);
  if (name === undefined) {
    const names = NAMING_LOCALES.map(
      (locale) =>
        new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' })
          .formatToParts(instant)
          .find((p) => p.type === 'timeZoneName')?.value ?? zone,
    );
    name = names.find((n) => !/^GMT[+-]/.test(n)) ?? names[0] ?? zone;
    if (zoneNames.size < 1000) zoneNames.set(key, name);
  }
  return name;
}
