/**
 * The six weeks' story (test/story/six-weeks.ts) through the real console entry point
 * (`src/main.ts`, as `npm start` runs it with no platform settings): each story line typed as
 * `@bob /applied …`, clock moves as `:time` in the group's zone, presses as `:click b12 @alice`
 * on the short id printed beside the button's label. The stored due times are read from the
 * console's database file between lines (SQLite in WAL mode lets a second connection read).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Store } from '../../../src/core/ports/index.ts';
import { openDatabase, type OpenedDatabase } from '../../../src/db/sqlite/open.ts';
import { createSqliteStore } from '../../../src/db/sqlite/store.ts';
import { playStory, type SentDm, type StoryDriver } from '../../story/play-story.ts';
import { FIGURES } from '../../story/six-weeks-figures.ts';
import { SETUP, STORY, STORY_START, type Who } from '../../story/six-weeks.ts';

const ROOT = new URL('../../..', import.meta.url).pathname;
const GROUP_ZONE = 'Europe/Berlin';
const local = (at: Date) => DateTime.fromJSDate(at, { zone: GROUP_ZONE }).toFormat("yyyy-MM-dd'T'HH:mm");

/** The console, fed one batch of lines at a time; each batch ends with a line whose answer is known. */
class ConsoleRun {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #lines: string[] = [];
  #waiting: { marker: string; resolve: (lines: string[]) => void } | null = null;
  #taken = 0;
  #sync = 0;

  constructor(env: Record<string, string>) {
    this.#child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    createInterface({ input: this.#child.stdout }).on('line', (line) => {
      this.#lines.push(line);
      this.#check();
    });
  }

  /**
   * Sends the lines, then `:submit syncN` (no such form: its two-line answer ends the batch), and
   * resolves with everything printed since the last batch, the marker's lines left out.
   */
  send(lines: readonly string[]): Promise<string[]> {
    const marker = `sync${++this.#sync}`;
    for (const line of [...lines, `:submit ${marker}`]) this.#child.stdin.write(`${line}\n`);
    return new Promise((resolve) => {
      this.#waiting = { marker, resolve };
      this.#check();
    });
  }

  #check(): void {
    const waiting = this.#waiting;
    if (!waiting) return;
    const at = this.#lines.indexOf(`[only @alice] There is no open form ${waiting.marker}.`, this.#taken);
    if (at < 0 || at + 1 >= this.#lines.length) return;
    const printed = this.#lines.slice(this.#taken, at);
    this.#taken = at + 2;
    this.#waiting = null;
    waiting.resolve(printed);
  }

  async stop(): Promise<void> {
    this.#child.stdin.end();
    await new Promise((resolve) => this.#child.on('close', resolve));
  }
}

interface ConsoleDm extends SentDm {
  readonly shortIds: ReadonlyMap<string, string>;
}

const BUTTONS = /^(\[[^[\]]+ b\d+\]\s*)+$/;
/** A console line as the core's plain line: headings lose their `** … **`, posts their `(post p3)`. */
const plain = (text: string) => text.replace(/^\*\* (.*) \*\*/, '$1').replace(/ \(post p\d+\)$/, '');

function consoleDriver(run: ConsoleRun, file: string): StoryDriver<ConsoleDm> & { close(): void } {
  const dms: ConsoleDm[] = [];
  const posts: { label: string | null; lines: string[] }[] = [];
  let now = STORY_START;
  let database: OpenedDatabase | null = null;
  let store: Store | null = null;

  /** Sorts what a batch printed: DMs and group posts are kept; the batch's answer is returned. */
  const take = (printed: readonly string[]): string[] => {
    const answer: string[] = [];
    interface Open {
      readonly to: Who;
      readonly when: string;
      readonly lines: string[];
      readonly buttons: string[];
    }
    let dm = null as Open | null;
    const endDm = () => {
      if (!dm) return;
      const buttons = dm.buttons.flatMap((l) => [...l.matchAll(/\[([^[\]]+) (b\d+)\]/g)]);
      dms.push({
        to: dm.to,
        lines: dm.lines,
        buttons: buttons.map((b) => ({ label: b[1] ?? '', actionId: null })),
        shortIds: new Map(buttons.map((b) => [b[1] ?? '', b[2] ?? ''])),
      });
      dm = null;
    };
    for (const line of printed) {
      const m = /^\[(DM|only) @([a-z]+)\]( \(updated\))?(?: (\w{3} \d{1,2} \w{3}, \d{2}:\d{2}) ·)? ?(.*)$/.exec(line);
      const post = /^\[#job-hunt\](?: \w{3} \d{1,2} \w{3}, \d{2}:\d{2} ·)? ?(.*)$/.exec(line);
      const [, kind, who = '', updated, when = '', text = ''] = m ?? [];
      const opens = /^(A step from your plan is due:|\d+ steps from your plan are due:)$/.test(text);
      if (!(kind === 'DM' && !updated && dm?.to === who && dm.when === when && !opens)) endDm();
      if (post) {
        if (BUTTONS.test(post[1] ?? '')) continue;
        const label = / \(post (p\d+)\)$/.exec(post[1] ?? '')?.[1] ?? null;
        if (label || posts.length === 0) posts.push({ label, lines: [] });
        posts.at(-1)?.lines.push(plain(post[1] ?? ''));
      } else if (kind === 'DM' && !updated) {
        dm ??= { to: who as Who, when, lines: [], buttons: [] };
        (BUTTONS.test(text) ? dm.buttons : dm.lines).push(plain(text));
      } else if (kind && !BUTTONS.test(text)) answer.push(plain(text));
    }
    endDm();
    return answer;
  };

  return {
    groupName: 'job-hunt',
    get store(): Store {
      database ??= openDatabase(file);
      store ??= createSqliteStore(database);
      return store;
    },
    now: () => now,
    async advanceTo(at) {
      if (at.getTime() > now.getTime()) take(await run.send([`:time ${local(at)}`]));
      now = at;
    },
    run: async (who, line) => take(await run.send([`@${who} ${line}`])),
    press: async (who, dm, { label }) => take(await run.send([`:click ${dm.shortIds.get(label) ?? '?'} @${who}`])),
    async react(who, needle) {
      const post = posts.filter((p) => p.lines.join('\n').includes(needle)).at(-1);
      if (!post?.label) throw new Error(`no group post containing ${needle}`);
      take(await run.send([`:react ${post.label} 🎉 @${who}`]));
    },
    dms: () => dms,
    posts: () => posts.map((p) => p.lines.join('\n')),
    async memberId(who) {
      const group = await this.store.groups.findByChannel({ platform: 'console', workspaceId: 'local' }, 'job-hunt');
      const member = group ? await this.store.members.find(group.id, who) : null;
      if (!member) throw new Error(`${who} is not a member`);
      return member.id;
    },
    close: () => database?.close(),
  };
}

describe('six weeks of a group, through the console', () => {
  let dir: string;
  let run: ConsoleRun;
  let driver: ReturnType<typeof consoleDriver>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rebound-six-weeks-'));
    const file = join(dir, 'rebound.db');
    // The console sets #job-hunt up at its first start, in the system's zone, at the story's start.
    run = new ConsoleRun({
      TZ: GROUP_ZONE,
      REBOUND_DB: file,
      REBOUND_FILES_DIR: join(dir, 'files'),
      REBOUND_CONSOLE_START: local(STORY_START),
    });
    await run.send([]);
    driver = consoleDriver(run, file);
  });
  afterAll(async () => {
    driver.close();
    await run.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plays the story: due times across both DST changes, celebrations, closed steps, ghosting and its revival, and every figure', async () => {
    await playStory(driver, [...SETUP, ...STORY, ...FIGURES]);
  }, 180_000);
});
