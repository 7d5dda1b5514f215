import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Two weeks of one group, told through the real console from Monday 23 November 2026, 09:30, the
 * group in UTC: alice (UTC, the admin), bob (America/New_York) and chandra (Asia/Kolkata) join;
 * dave never does, though he asks for his stats and follow-ups. They log applications, rejections
 * at every stage, check-ins (forms and thread replies), feedback and goals, react to each other's
 * posts, snooze and finish steps from their nudges, and chandra pauses for three days. The
 * expectations below are worked out from the rules, not copied from what was printed.
 */

const ROOT = new URL('../../..', import.meta.url).pathname;

type Step = string | { readonly waitFor: RegExp; readonly then: (match: RegExpExecArray) => readonly string[] };

/**
 * Runs the real entry point from a fixed start on a throw-away database and feeds it a script. A
 * step with `waitFor` holds the script until a printed line matches, then sends what `then` makes
 * of it (to press a button or react to a post whose short id it has just seen).
 */
function runConsole(
  steps: readonly Step[],
  env: Record<string, string>,
): Promise<{ code: number | null; lines: string[]; stalled: string | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', REBOUND_DB: ':memory:', TZ: 'UTC', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let next = 0;
  let waiting: Extract<Step, { waitFor: RegExp }> | null = null;
  // The next line the current `waitFor` looks at: each one looks from the first line printed, so it
  // finds a line printed before the script reached it, and takes the first that matches.
  let unseen = 0;
  const advance = (): void => {
    while (next < steps.length) {
      const step = steps[next++] as Step;
      if (typeof step === 'string') {
        child.stdin.write(`${step}\n`);
        continue;
      }
      waiting = step;
      unseen = 0;
      if (!look()) return;
    }
    child.stdin.end();
  };
  const look = (): boolean => {
    while (waiting && unseen < lines.length) {
      const match = waiting.waitFor.exec(lines[unseen++] as string);
      if (match) {
        for (const l of waiting.then(match)) child.stdin.write(`${l}\n`);
        waiting = null;
        return true;
      }
    }
    return false;
  };
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    if (waiting && look()) advance();
  });
  advance();
  // A line that never comes leaves the bot waiting for input: end it, and say which line it was.
  const watchdog = setTimeout(() => child.kill(), 60_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(watchdog);
      resolve({ code, lines, stalled: waiting ? String((waiting as { waitFor: RegExp }).waitFor) : null });
    });
  });
}

const ZONES: Readonly<Record<string, string>> = {
  alice: 'UTC',
  bob: 'America/New_York',
  chandra: 'Asia/Kolkata',
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A time the console printed during a clock jump (`Tue 24 Nov, 04:30`, the group's zone: UTC), in 2026. */
function printedInstant(when: string): Date {
  const m = /^\w{3} (\d{1,2}) (\w{3}), (\d{2}):(\d{2})$/.exec(when);
  if (!m) throw new Error(`not a printed time: ${when}`);
  return new Date(Date.UTC(2026, MONTHS.indexOf(m[2] ?? ''), Number(m[1]), Number(m[3]), Number(m[4])));
}

/** An instant as a member reads it on their own clock: `Tue 24 Nov 10:00`. */
function localTime(instant: Date, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.hour}:${parts.minute}`;
}

interface Dm {
  readonly member: string;
  readonly at: Date;
  /** When the member read it, on their own clock. */
  readonly local: string;
  /** `reminder`, or the titles of the steps the nudge carried. */
  readonly what: string | readonly string[];
}

/**
 * Every DM the bot sent, one per message: a message's lines share their prefix and time, and each
 * message opens with what it is (a nudge's "due" line, a reminder). Edits of a message after a
 * press (`(updated)`) are not new DMs.
 */
function directMessages(lines: readonly string[]): Dm[] {
  const dms: { member: string; at: Date; local: string; what: string | string[] }[] = [];
  for (const line of lines) {
    const m = /^\[DM @([a-z]+)\]( \(updated\))?(?: (\w{3} \d{1,2} \w{3}, \d{2}:\d{2}) ·)? (.*)$/.exec(line);
    if (!m || m[2]) continue;
    const [, member = '', , when, text = ''] = m;
    // Every DM in the story is sent by the sweep during a clock jump, so every line says when.
    if (!when) throw new Error(`a DM line without its time: ${line}`);
    const at = printedInstant(when);
    if (/^(A step from your plan is due:|\d+ steps from your plan are due:)$/.test(text))
      dms.push({ member, at, local: localTime(at, ZONES[member] ?? 'UTC'), what: [] });
    else if (text.startsWith('A gentle reminder: '))
      dms.push({ member, at, local: localTime(at, ZONES[member] ?? 'UTC'), what: 'reminder' });
    else {
      const last = dms[dms.length - 1];
      if (!last || last.member !== member || last.at.getTime() !== at.getTime())
        throw new Error(`a DM line outside any nudge or reminder: ${line}`);
      const heading = /^\*\* (.*) \(due .*\) \*\*$/.exec(text);
      if (heading && Array.isArray(last.what)) last.what.push(heading[1] ?? '');
    }
  }
  return dms;
}

/** What one command answered privately, from its first line to its Undo button. */
function replyFrom(lines: readonly string[], who: string, first: string): string[] {
  const start = lines.indexOf(`[only @${who}] ${first}`);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && l.startsWith(`[only @${who}] [Undo `));
  return lines.slice(start, end).map((l) => l.slice(`[only @${who}] `.length).trimEnd());
}

/** A digest's lines, from its heading to the chart it was sent with (the chart's folder left out). */
function digest(lines: readonly string[], at: string, heading: string): string[] {
  const prefix = `[#job-hunt] ${at} · `;
  const start = lines.findIndex((l) => l.startsWith(`${prefix}** ${heading} **`));
  if (start < 0) return [];
  const out: string[] = [];
  for (let i = start; i < lines.length && (lines[i] as string).startsWith(prefix); i++) {
    const text = (lines[i] as string).slice(prefix.length);
    out.push(text.replace(/ saved to .*$/, ' saved'));
    if (text.startsWith('📎')) break;
  }
  return out;
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The short id of a button on a line printed for `who` at `when`, e.g. Snooze on a nudge. */
const button = (who: string, when: string, label: string): RegExp =>
  new RegExp(`^${esc(who)} ${esc(when)} · .*\\[${esc(label)} (b\\d+)\\]`);
/** The short id of the group post that starts with `text`. */
const post = (text: string): RegExp => new RegExp(`^\\[#job-hunt\\] (?:.* · )?${esc(text)}.*\\(post (p\\d+)\\)$`);

const STORY: readonly Step[] = [
  // Week one. Monday 23 November, 09:30 in the group's timezone (UTC).
  '/rebound join',
  '@bob /rebound join',
  '@bob /rebound timezone America/New_York',
  '@chandra /rebound join',
  '@chandra /rebound timezone Asia/Kolkata',
  '@dave /stats',
  '@dave /followups',
  '/goal applications 3 | networking 1',
  '/applied Acme | SRE',
  { waitFor: post('📨 alice applied for SRE at Acme.'), then: (m) => [`:react ${m[1]} 🎉 @bob`] },
  '/rejected Globex | SRE | interview',
  '@chandra /rejected Hooli | Data | applied',
  '/checkin',
  ':submit f1 applications=1 | networking=0 | followups=0 | note=sent Acme',
  // 09:30 in New York.
  ':time 2026-11-23T14:30',
  '@bob /rejected Initech | Dev | screen',
  { waitFor: post('💛 bob heard back from Initech'), then: (m) => [`:react ${m[1]} 💛 @chandra`] },
  // Tuesday 24: chandra snoozes the step that reached her at 10:00 her time; alice does hers.
  ':time 2026-11-24T09:30',
  {
    waitFor: button('[DM @chandra]', 'Tue 24 Nov, 04:30', 'Snooze 2d'),
    then: (m) => [`@chandra :click ${m[1]}`, '@bob :reply 2026-11-24 two applications out, one more tomorrow'],
  },
  ':time 2026-11-24T10:30',
  { waitFor: button('[DM @alice]', 'Tue 24 Nov, 10:00', 'Done'), then: (m) => [`:click ${m[1]}`] },
  // Wednesday 25: chandra pauses for three days; bob hears back after a final round.
  ':time 2026-11-25T09:30',
  '@chandra /rebound pause 3',
  ':time 2026-11-25T14:30',
  '@bob /rejected Umbrella | Platform | final',
  // Thursday 26: alice loses an offer.
  ':time 2026-11-26T09:30',
  '/rejected Initrode | Lead | offer',
  {
    waitFor: post('💛 alice heard back from Initrode'),
    then: (m) => [`:react ${m[1]} 🤗 @bob`, `:react ${m[1]} 💛 @chandra`],
  },
  // Friday 27.
  ':time 2026-11-27T09:30',
  '/feedback Globex | more depth on incident reviews next time',
  ':reply 2026-11-27 feedback from Globex noted',
  ':time 2026-11-27T14:30',
  '@bob /applied Stark | Backend',
  '@bob /checkin',
  '@bob :submit f2 applications=2 | networking=1 | followups=1',
  // Saturday 28: chandra's pause ends at 15:00 her time, and what came due meanwhile arrives at once;
  // she marks its first step (connecting with people at Hooli) done.
  ':time 2026-11-28T10:00',
  { waitFor: button('[DM @chandra]', 'Sat 28 Nov, 09:30', 'Done'), then: (m) => [`@chandra :click ${m[1]}`] },
  ':time 2026-11-29T09:30',
  // Week two. Monday 30: the first digest.
  ':time 2026-11-30T09:30',
  '@chandra /applied Wayne | ML',
  {
    waitFor: post('📨 chandra applied for ML at Wayne.'),
    then: (m) => [`:react ${m[1]} 🎉`, `:react ${m[1]} 👏 @bob`],
  },
  ':time 2026-11-30T10:30',
  { waitFor: button('[DM @alice]', 'Mon 30 Nov, 09:00', 'Done'), then: (m) => [`:click ${m[1]}`] },
  ':time 2026-12-01T09:30',
  '/applied Soylent | SRE',
  '/checkin',
  ':submit f3 applications=1 | networking=1 | followups=2 | note=Soylent out, met a Globex engineer',
  ':time 2026-12-02T09:30',
  '@chandra /checkin',
  '@chandra :submit f4 applications=2 | networking=0 | followups=1',
  ':time 2026-12-02T14:30',
  '@bob :reply 2026-12-02 quiet day, reading up on platform teams',
  ':time 2026-12-03T09:30',
  ':time 2026-12-04T09:30',
  '/feedback Initrode | they went with someone who had led a larger team',
  ':time 2026-12-05T09:30',
  ':time 2026-12-06T09:30',
  ':time 2026-12-07T09:30',
];

describe('two weeks of a group in three timezones, in the console', () => {
  let dir = '';
  let lines: string[] = [];
  let dms: Dm[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rebound-two-weeks-'));
    const run = await runConsole(STORY, { REBOUND_CONSOLE_START: '2026-11-23T09:30', REBOUND_FILES_DIR: dir });
    lines = run.lines;
    expect(run.stalled).toBeNull();
    expect(run.code).toBe(0);
    dms = directMessages(lines);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sends each member the DMs their plan, the weekly networking step and the reminders call for, at their own time', () => {
    const of = (member: string) => dms.filter((d) => d.member === member).map((d) => [d.local, d.what]);
    expect(of('alice')).toEqual([
      ['Tue 24 Nov 10:00', ['Ask for feedback at Globex']],
      // Nothing logged that day: the reminder at 16:00 (bob checked in by a reply; chandra's 16:00 is quiet hours).
      ['Tue 24 Nov 16:00', 'reminder'],
      ['Wed 25 Nov 16:00', 'reminder'],
      // Thursday she logged the Initrode rejection, Friday feedback and a check-in: no reminder.
      ['Thu 26 Nov 10:00', ['Connect with people at Globex']],
      ['Fri 27 Nov 10:00', ['Ask for feedback at Initrode']],
      ['Sun 29 Nov 10:00', ['Connect with people at Initrode']],
      // Her Acme application came before the Globex rejection, so its "next application" step stands.
      ['Mon 30 Nov 09:00', ['One networking step this week']],
      ['Mon 30 Nov 10:00', ['Line up your next application']],
      ['Mon 30 Nov 16:00', 'reminder'],
      // Tuesday's Soylent application closed the Initrode one due Thursday; the Globex note-what-you-heard
      // step due Tuesday was closed by Friday's /feedback.
      ['Wed 2 Dec 16:00', 'reminder'],
      ['Thu 3 Dec 16:00', 'reminder'],
      ['Mon 7 Dec 09:00', ['One networking step this week']],
    ]);
    expect(of('bob')).toEqual([
      ['Tue 24 Nov 10:00', ['Ask the recruiter at Initech for pointers']],
      // Two steps due at the same moment: one nudge.
      ['Thu 26 Nov 10:00', ['Connect with people at Initech', 'Ask for feedback at Umbrella']],
      ['Thu 26 Nov 11:00', 'reminder'],
      ['Sat 28 Nov 10:00', ['Connect with people at Umbrella']],
      // The group's networking step falls due at 04:00 his time and waits for his quiet hours to end.
      ['Mon 30 Nov 08:00', ['One networking step this week']],
      // Friday's Stark application closed both of his "next application" steps.
      ['Mon 30 Nov 11:00', 'reminder'],
      ['Tue 1 Dec 11:00', 'reminder'],
      ['Thu 3 Dec 11:00', 'reminder'],
      ['Fri 4 Dec 11:00', 'reminder'],
    ]);
    expect(of('chandra')).toEqual([
      ['Tue 24 Nov 10:00', ['Ask the recruiter at Hooli for pointers']],
      // Paused Wednesday for three days: the connect step due Thursday 10:00 and the pointers step she
      // snoozed to Thursday 15:00 arrive together when the pause ends.
      ['Sat 28 Nov 15:00', ['Connect with people at Hooli', 'Ask the recruiter at Hooli for pointers']],
      ['Mon 30 Nov 10:00', ['Line up your next application']],
      ['Mon 30 Nov 14:30', ['One networking step this week']],
      ['Mon 7 Dec 14:30', ['One networking step this week']],
    ]);
    // The group's reminder time, 16:00 UTC, is 21:30 in Kolkata: inside her quiet hours until the
    // day ends, so each of her reminders is dropped, never sent the next day.
    expect(dms.filter((d) => d.member === 'chandra' && d.what === 'reminder')).toEqual([]);
  });

  it('never sends a member more than three DMs in a day of their own, nor any in their quiet hours or pause', () => {
    expect(dms.length).toBeGreaterThan(0);
    const perDay = new Map<string, number>();
    for (const d of dms) {
      const day = `${d.member} ${d.local.slice(0, -6)}`;
      perDay.set(day, (perDay.get(day) ?? 0) + 1);
      const [hh = 0, mm = 0] = d.local.slice(-5).split(':').map(Number);
      const minute = hh * 60 + mm;
      // Quiet hours 21:00–08:00 in the member's own timezone.
      expect(minute >= 8 * 60 && minute < 21 * 60, `${d.member} at ${d.local}`).toBe(true);
    }
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual(3);
    expect(perDay.get('alice Mon 30 Nov')).toBe(3);
    // chandra paused on Wednesday 25 at 09:30 UTC for three days.
    const pause = [Date.UTC(2026, 10, 25, 9, 30), Date.UTC(2026, 10, 28, 9, 30)];
    const duringPause = dms.filter(
      (d) => d.member === 'chandra' && d.at.getTime() >= (pause[0] as number) && d.at.getTime() < (pause[1] as number),
    );
    expect(duringPause).toEqual([]);
    expect(lines).toContain(
      '[only @chandra] Paused until Sat 28 Nov, 15:00 IST. Take the time you need: anything that comes due meanwhile arrives in one nudge when you are back. /rebound resume ends it early.',
    );
  });

  it('sends nothing to dave, who never joined, though he asked for his stats and follow-ups', () => {
    expect(lines.filter((l) => l.startsWith('[DM @dave]'))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('[only @dave]'))).toEqual([
      '[only @dave] You have not joined #job-hunt. /rebound join makes you a member (I will nudge you by DM when steps are due).',
      '[only @dave] For example: /rebound join',
      '[only @dave] You have not joined #job-hunt. /rebound join makes you a member (I will nudge you by DM when steps are due).',
      '[only @dave] For example: /rebound join',
    ]);
    expect(lines.filter((l) => /dave/.test(l) && !l.startsWith('[only @dave]'))).toEqual([]);
  });

  it('redraws a nudge after a press with what was done, times in the member’s zone, and the buttons of steps still due', () => {
    expect(lines).toContain(
      '[DM @chandra] (updated) ⏰ Snoozed to Thu 26 Nov, 15:00 IST: Ask the recruiter at Hooli for pointers',
    );
    expect(lines).toContain('[DM @alice] (updated) ✓ Done: Ask for feedback at Globex');
    // Done on one step of the nudge that came after her pause: the step she had snoozed is due again
    // and keeps its buttons (not "Snoozed to" a time already past).
    const redrawn = lines.indexOf('[DM @chandra] (updated) ✓ Done: Connect with people at Hooli');
    expect(redrawn).toBeGreaterThan(0);
    expect(lines[redrawn - 1]).toBe('[DM @chandra] (updated) 2 steps from your plan are due:');
    expect(lines.slice(redrawn + 1, redrawn + 3)).toEqual([
      '[DM @chandra] (updated) —',
      '[DM @chandra] (updated) ** Ask the recruiter at Hooli for pointers (due Thu 26 Nov, 15:00 IST) **',
    ]);
    expect(lines[redrawn + 5]).toMatch(/^\[DM @chandra\] \(updated\) \[Done b\d+\] \[Snooze 2d b\d+\] \[Skip b\d+\]$/);
    expect(lines).toContain('[DM @alice] (updated) ✓ Done: One networking step this week');
  });

  it('posts the first week’s digest with every figure right', () => {
    expect(digest(lines, 'Mon 30 Nov, 09:00', 'job-hunt: your week together (23 Nov – 29 Nov)')).toEqual([
      '** job-hunt: your week together (23 Nov – 29 Nov) ** (post p29)',
      // Logged with /applied; rejections that created their application are not applications sent.
      '📨 Applications: 2 (alice: Acme (SRE), bob: Stark (Backend))',
      // alice's Monday form (1, 0, 0) and bob's Friday form (2, 1, 1); the thread replies carry no numbers.
      '📝 Reported in check-ins, apart from the logged figures: 3 applications, 1 networking action, 1 follow-up done',
      // The rejections at interview, final and offer stage.
      '🗣️ Interviews: 3 (alice: Globex (SRE), bob: Umbrella (Platform), alice: Initrode (Lead))',
      // Globex (feedback asked) and Hooli (connected) have a step done.
      '💛 Rejections: 5, 2 already turned into follow-ups done',
      '✅ Follow-ups done: 2',
      // Globex: the feedback request done on Tuesday, the answer logged on Friday.
      '💬 Feedback: 1 asked, 1 received',
      // alice Monday (form) and Friday (reply), bob Tuesday (reply) and Friday (form).
      '🙋 Check-ins: 4',
      // bob on Acme, chandra on Initech, bob and chandra on Initrode.
      '🎉 Encouragement: 4 reactions',
      '• alice: gave 0, received 3',
      '• bob: gave 2, received 1',
      '• chandra: gave 2, received 0',
      'Thank you for showing up for each other. Here is to the week ahead!',
      '📎 rebound-week-2026-W48.png saved',
    ]);
    expect(lines).toContain(
      `[#job-hunt] Mon 30 Nov, 09:00 · 📎 rebound-week-2026-W48.png saved to ${join(dir, 'rebound-week-2026-W48.png')}`,
    );
  });

  it('posts the second week’s digest with every figure right', () => {
    expect(digest(lines, 'Mon 7 Dec, 09:00', 'job-hunt: your week together (30 Nov – 6 Dec)')).toEqual([
      '** job-hunt: your week together (30 Nov – 6 Dec) ** (post p48)',
      '📨 Applications: 2 (chandra: Wayne (ML), alice: Soylent (SRE))',
      // alice's Tuesday form (1, 1, 2) and chandra's Wednesday form (2, 0, 1).
      '📝 Reported in check-ins, apart from the logged figures: 3 applications, 1 networking action, 3 follow-ups done',
      '🗣️ Interviews: 0',
      '💛 Rejections: 0',
      // alice's networking step, done on Monday.
      '✅ Follow-ups done: 1',
      // Initrode's feedback logged on Friday; no feedback request was marked done this week.
      '💬 Feedback: 0 asked, 1 received',
      // alice Tuesday, chandra Wednesday (forms), bob Wednesday (reply).
      '🙋 Check-ins: 3',
      // alice and bob on Wayne.
      '🎉 Encouragement: 2 reactions',
      '• alice: gave 1, received 0',
      '• bob: gave 1, received 0',
      '• chandra: gave 0, received 2',
      'Thank you for showing up for each other. Here is to the week ahead!',
      '📎 rebound-week-2026-W49.png saved',
    ]);
    // One digest a week, each once.
    expect(lines.filter((l) => l.includes('your week together')).length).toBe(2);
  });

  it('answers each rejection stage with its own plan, timed in the member’s zone', () => {
    const plan = (encouragement: string, steps: readonly string[]) => [
      encouragement,
      '',
      "Here's the plan I've lined up (I'll nudge you when each step is due):",
      ...steps,
      '',
      'Right now: pick the next role to go for and tailor your résumé to it. Momentum is the best answer to a no.',
    ];
    // applied: chandra, Monday 23 at 15:00 her time. No interviewer: the recruiter and the company.
    expect(
      replyFrom(
        lines,
        'chandra',
        "I'm sorry about Hooli. A no at the application stage is very common and often about timing or numbers. It says nothing final about you.",
      ),
    ).toEqual(
      plan(
        "I'm sorry about Hooli. A no at the application stage is very common and often about timing or numbers. It says nothing final about you.",
        [
          '• Tue 24 Nov, 10:00 IST: Ask the recruiter at Hooli for pointers',
          '• Thu 26 Nov, 10:00 IST: Connect with people at Hooli',
          '• Mon 30 Nov, 10:00 IST: Line up your next application',
          '• Thu 7 Jan, 10:00 IST: Stay in touch with Hooli (then every 90 days, 3 times in all)',
        ],
      ),
    );
    // screen: bob, Monday 23 at 09:30 his time.
    const screen =
      "I'm sorry about Initech. Getting through to a screen means your application stood out from the pile. That is worth building on.";
    expect(replyFrom(lines, 'bob', screen)).toEqual(
      plan(screen, [
        '• Tue 24 Nov, 10:00 EST: Ask the recruiter at Initech for pointers',
        '• Thu 26 Nov, 10:00 EST: Connect with people at Initech',
        '• Mon 30 Nov, 10:00 EST: Line up your next application',
        '• Thu 7 Jan, 10:00 EST: Stay in touch with Initech (then every 90 days, 3 times in all)',
      ]),
    );
    // interview: alice, Monday 23 at 09:30 (the group's zone: no zone named).
    const interview =
      "I'm sorry about Globex. Reaching interviews shows your profile works. This is a step, not a verdict.";
    expect(replyFrom(lines, 'alice', interview)).toEqual(
      plan(interview, [
        '• Tue 24 Nov, 10:00: Ask for feedback at Globex',
        '• Thu 26 Nov, 10:00: Connect with people at Globex',
        '• Mon 30 Nov, 10:00: Line up your next application',
        '• Mon 7 Dec, 10:00: Engage with Globex',
        '• Thu 7 Jan, 10:00: Stay in touch with Globex (then every 90 days, 3 times in all)',
      ]),
    );
    // final: bob, Wednesday 25 at 09:30 his time; the next business day is Thursday.
    const final =
      "I'm sorry about Umbrella. Reaching the final round means they saw real strength in you: you were very close.";
    expect(replyFrom(lines, 'bob', final)).toEqual(
      plan(final, [
        '• Thu 26 Nov, 10:00 EST: Ask for feedback at Umbrella',
        '• Sat 28 Nov, 10:00 EST: Connect with people at Umbrella',
        '• Wed 2 Dec, 10:00 EST: Line up your next application',
        '• Wed 9 Dec, 10:00 EST: Engage with Umbrella',
        '• Sat 9 Jan, 10:00 EST: Stay in touch with Umbrella (then every 90 days, 3 times in all)',
      ]),
    );
    // offer: alice, Thursday 26 at 09:30.
    const offer =
      "I'm sorry about Initrode. Getting as far as an offer means they wanted you on the team: that strength goes with you to the next one.";
    expect(replyFrom(lines, 'alice', offer)).toEqual(
      plan(offer, [
        '• Fri 27 Nov, 10:00: Ask for feedback at Initrode',
        '• Sun 29 Nov, 10:00: Connect with people at Initrode',
        '• Thu 3 Dec, 10:00: Line up your next application',
        '• Thu 10 Dec, 10:00: Engage with Initrode',
        '• Sun 10 Jan, 10:00: Stay in touch with Initrode (then every 90 days, 3 times in all)',
      ]),
    );
  });
});
