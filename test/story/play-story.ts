/**
 * Plays a story (story-steps.ts) through a driver: the core's test world, or a real adapter in
 * front of the core. Each driver turns what its platform shows into plain lines (as the core's
 * `messageToPlainLines` gives them), so one set of expectations serves every path.
 */
import { expect } from 'vitest';
import type { Store } from '../../src/core/ports/index.ts';
import { companyOf, type CommandStep, type PressStep, type ReactStep, type Step, type Who } from './story-steps.ts';

export interface StoryButton {
  readonly label: string;
  /** Null where the platform does not show it (the console shows a label and a short id). */
  readonly actionId: string | null;
}

export interface SentDm {
  readonly to: Who;
  readonly lines: readonly string[];
  readonly buttons: readonly StoryButton[];
}

export interface StoryDriver<D extends SentDm = SentDm> {
  /** The group's name as its heading shows it (`{group}` in an expected line). */
  readonly groupName: string;
  readonly store: Store;
  now(): Date;
  /** Moves the clock forward, sweeping at every moment something falls due on the way. */
  advanceTo(at: Date): Promise<void>;
  /** Runs a command line as typed in Slack or the console; resolves with its private reply's lines. */
  run(who: Who, line: string): Promise<readonly string[]>;
  /** Presses a button of a DM; resolves with the lines of what the member sees then. */
  press(who: Who, dm: D, button: StoryButton): Promise<readonly string[]>;
  /** Reacts with 🎉, as `who`, to the last group post whose text contains `needle`. */
  react(who: Who, needle: string): Promise<void>;
  /** Every DM the bot sent so far, in order. */
  dms(): readonly D[];
  /** The text of every post the bot made in the group channel so far, in order. */
  posts(): readonly string[];
  memberId(who: Who): Promise<number>;
}

/** The weekly digest goes out every Monday; this story pins the figures through /stats group instead. */
const isDigest = (post: string) => post.includes(': your week together (');

export async function playStory<D extends SentDm>(driver: StoryDriver<D>, steps: readonly Step[]): Promise<void> {
  let dmsSeen = driver.dms().length;
  let postsSeen = driver.posts().length;
  const fresh = () => {
    const dms = driver.dms().slice(dmsSeen);
    const posts = driver
      .posts()
      .slice(postsSeen)
      .filter((p) => !isDigest(p));
    dmsSeen += dms.length;
    postsSeen = driver.posts().length;
    return { dms, posts };
  };
  const moveTo = async (at: Date) => {
    if (at.getTime() >= driver.now().getTime()) await driver.advanceTo(at);
  };
  const nothingNew = (label: string) => {
    const { dms, posts } = fresh();
    expect
      .soft(
        dms.map((d) => `${d.to}: ${d.lines.join(' / ')}`),
        `${label}: no DM`,
      )
      .toEqual([]);
    expect.soft(posts, `${label}: no group post`).toEqual([]);
  };

  for (const [i, step] of steps.entries()) {
    const label = `step ${i + 1} at ${step.at}${'run' in step ? `, ${step.who}: ${step.run}` : ''}`;
    if ('dms' in step) {
      await moveTo(new Date(Date.parse(step.at) - 60_000));
      nothingNew(`${label}, the minute before`);
      await moveTo(new Date(step.at));
      const { dms, posts } = fresh();
      expect.soft(posts, `${label}: no group post`).toEqual([]);
      expect
        .soft(
          dms.map((d) => d.to),
          `${label}: who got a DM`,
        )
        .toEqual(step.dms.map((e) => e.who));
      for (const [j, expected] of step.dms.entries()) {
        const text = dms[j]?.lines.join('\n') ?? '';
        for (const part of expected.has) expect.soft(text, `${label}: DM to ${expected.who}`).toContain(part);
        if (expected.button)
          expect.soft(dms[j]?.buttons.map((b) => b.label) ?? [], `${label}: buttons`).toContain(expected.button);
      }
      continue;
    }
    await moveTo(new Date(step.at));
    nothingNew(`${label}, before`);
    const reply =
      'run' in step
        ? await driver.run(step.who, step.run)
        : 'press' in step
          ? await press(driver, step)
          : (await driver.react(step.who, step.react), []);
    // Blank lines are layout, not meaning: Slack renders each paragraph as a section of its own
    // and has no empty section, so they are left out on every path.
    const plain = (lines: readonly string[]) =>
      lines.filter((l) => l.trim() !== '').map((l) => l.replace('{group}', driver.groupName));
    const shown = plain(reply);
    if (step.replyIs) expect.soft(shown, `${label}: reply`).toEqual(plain(step.replyIs));
    if (step.reply)
      expect.soft(runIn(shown, plain(step.reply)), `${label}: reply contains\n${shown.join('\n')}`).toBe(true);
    const { dms, posts } = fresh();
    expect
      .soft(
        dms.map((d) => `${d.to}: ${d.lines.join(' / ')}`),
        `${label}: no DM`,
      )
      .toEqual([]);
    if (!step.anyPosts) expect.soft(posts, `${label}: group posts`).toEqual(step.posts ?? []);
    await checkStored(driver, step, label);
  }
}

/** Whether `part` appears in `lines` as consecutive lines. */
function runIn(lines: readonly string[], part: readonly string[]): boolean {
  for (let i = 0; i + part.length <= lines.length; i++) if (part.every((p, j) => lines[i + j] === p)) return true;
  return false;
}

async function press<D extends SentDm>(driver: StoryDriver<D>, step: PressStep): Promise<readonly string[]> {
  const dm = [...driver.dms()].reverse().find((d) => d.to === step.who && d.lines.join('\n').includes(step.press.dm));
  if (!dm) throw new Error(`no DM to ${step.who} containing "${step.press.dm}"`);
  const { label, action } = step.press;
  const button = dm.buttons.find(
    (b) => b.label === label && (action === undefined || b.actionId === null || b.actionId.startsWith(action)),
  );
  if (!button) throw new Error(`no such button (${label}, ${action}) on the DM: ${JSON.stringify(dm.buttons)}`);
  return driver.press(step.who, dm, button);
}

async function checkStored(
  driver: StoryDriver<SentDm>,
  step: CommandStep | PressStep | ReactStep,
  label: string,
): Promise<void> {
  if (!step.steps && !step.cancelled && !step.status) return;
  const company = companyOf(step);
  const memberId = await driver.memberId(step.who);
  const [application, ...more] = await driver.store.applications.findByCompany(memberId, company ?? '');
  if (!application || more.length) throw new Error(`${label}: not one application to ${company}`);
  const of = async (statuses: ('pending' | 'snoozed' | 'cancelled')[]) =>
    (await driver.store.followUps.listByMember(memberId, statuses))
      .filter((f) => f.applicationId === application.id)
      .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
  if (step.steps)
    expect
      .soft(
        (await of(['pending', 'snoozed'])).map((f) => [f.ruleId, f.dueAt.toISOString()]),
        `${label}: open steps of ${company}`,
      )
      .toEqual(step.steps);
  if (step.cancelled)
    expect
      .soft(
        (await of(['cancelled'])).map((f) => f.ruleId).filter((r) => step.cancelled?.includes(r)),
        `${label}: cancelled steps of ${company}`,
      )
      .toEqual(step.cancelled);
  if (step.status)
    expect
      .soft((await driver.store.applications.findByCompany(memberId, step.status.company))[0]?.status)
      .toBe(step.status.is);
}
