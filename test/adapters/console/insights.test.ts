import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { decodePng } from '../../helpers/decode-png.ts';

const ROOT = new URL('../../..', import.meta.url).pathname;

/** The first Monday strictly after today (UTC), as `YYYY-MM-DD`. */
function nextMonday(): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7));
  return d.toISOString().slice(0, 10);
}

type Step = string | { readonly waitFor: RegExp; readonly then: (match: RegExpExecArray) => readonly string[] };

/**
 * Runs the real entry point on a throw-away database and feeds it a script. A step with `waitFor`
 * holds the script until a printed line matches, then sends what `then` makes of it (so the script
 * can react to a post or press a button whose short id it has just seen). Input ends after the last
 * step; a line that never comes leaves the bot waiting for input, and the test's timeout ends it.
 */
function runConsole(
  steps: readonly Step[],
  filesDir: string,
): Promise<{ code: number | null; out: string; stalled: string | null }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      REBOUND_DB: ':memory:',
      REBOUND_FILES_DIR: filesDir,
      TZ: 'UTC',
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const out: string[] = [];
  let next = 0;
  let waiting: Extract<Step, { waitFor: RegExp }> | null = null;
  const advance = (): void => {
    while (next < steps.length) {
      const step = steps[next++] as Step;
      if (typeof step === 'string') child.stdin.write(`${step}\n`);
      else {
        waiting = step;
        return;
      }
    }
    child.stdin.end();
  };
  createInterface({ input: child.stdout }).on('line', (line) => {
    out.push(line);
    const match = waiting?.waitFor.exec(line);
    if (waiting && match) {
      for (const l of waiting.then(match)) child.stdin.write(`${l}\n`);
      waiting = null;
      advance();
    }
  });
  advance();
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code,
        out: out.join('\n'),
        stalled: waiting ? String((waiting as { waitFor: RegExp }).waitFor) : null,
      }),
    );
  });
}

describe('insights in the console, through the real entry point', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows a scripted week in /stats, /stats group, the digest with its PNG and the export, then forgets @alice on confirmation', async () => {
    dir = mkdtempSync(join(tmpdir(), 'rebound-console-'));
    const monday = nextMonday();
    const post = (pattern: string): RegExp => new RegExp(`${pattern}.*\\(post (p\\d+)\\)`);
    const { code, out, stalled } = await runConsole(
      [
        `:time ${monday}T10:00`,
        '/rebound join',
        '@bob /rebound join',
        '/goal applications 3 | networking 1',
        '/applied Acme | SRE',
        { waitFor: post('alice applied for SRE at Acme'), then: (m) => [`:react ${m[1]} 🎉 @bob`] },
        '@bob /applied Initech | Dev',
        { waitFor: post('bob applied for Dev at Initech'), then: (m) => [`:react ${m[1]} 👏`] },
        '/rebound visibility private',
        '/applied SecretCo | Staff Engineer',
        '/rebound visibility shared',
        '/rejected Globex | SRE | final',
        { waitFor: post('alice heard back from Globex'), then: (m) => [`:react ${m[1]} 💛 @bob`] },
        '@bob /applied Hooli | Data',
        '/checkin',
        ':submit f1 applications=1 | networking=1 | followups=0',
        '/stats',
        '/stats group',
        ':time +7d',
        '/rebound export',
        '/rebound forget-me',
        { waitFor: /\[Delete everything (b\d+)\]/, then: (m) => [`:click ${m[1]}`, '/rebound export'] },
      ],
      dir,
    );
    expect(stalled).toBeNull();
    expect(code).toBe(0);

    const stats = out.slice(out.indexOf('[only @alice] ** Your week'));
    expect(stats).toMatch(/^\[only @alice\] Applications: 2 of 3$/m);
    expect(stats).toMatch(/^\[only @alice\] Networking: 1 of 1 ✓$/m);
    expect(stats).toMatch(/^\[only @alice\] Check-in streak: 1 day$/m);
    expect(stats).toMatch(
      /^\[only @alice\] applied 3 → screening 1 \(33%\) → interviewing 1 \(100%\) → offer 0 \(0%\) → accepted 0$/m,
    );
    expect(stats).toMatch(/^\[only @alice\] Median time to a first answer: not yet$/m);
    expect(stats).toMatch(/^\[only @alice\] Rejections by stage: final 1$/m);

    const group = out.slice(out.indexOf('this week so far'));
    expect(group).toMatch(
      /^\[only @alice\] 📨 Applications: 3 \(alice: Acme \(SRE\), bob: Initech \(Dev\), bob: Hooli \(Data\)\)$/m,
    );
    expect(group).toMatch(/^\[only @alice\] 🙋 Check-ins: 1$/m);
    expect(group).toMatch(/^\[only @alice\] 🎉 Encouragement: 3 reactions$/m);
    expect(group).toMatch(/^\[only @alice\] • alice: gave 1, received 2$/m);
    expect(stats).toMatch(/^\[only @alice\] .*2 reactions of encouragement received, 1 given$/m);

    const digest = out.slice(out.indexOf('your week together'));
    expect(out).toMatch(/^\[#job-hunt\] .* · \*\* job-hunt: your week together/m);
    expect(digest).toMatch(/📨 Applications: 3 \(alice: Acme \(SRE\), bob: Initech \(Dev\), bob: Hooli \(Data\)\)$/m);
    expect(digest).toMatch(/💛 Rejections: 1$/m);
    expect(out).not.toMatch(/^\[#job-hunt\].*SecretCo/m);
    const chart = readdirSync(dir).find((f) => /^rebound-week-\d{4}-W\d{2}\.png$/.test(f));
    expect(chart).toBeDefined();
    expect(out).toContain(`saved to ${join(dir, chart ?? '')}`);
    expect(decodePng(readFileSync(join(dir, chart ?? '')))).toEqual({ width: 800, height: 400 });

    const exported = JSON.parse(readFileSync(join(dir, 'alice', 'rebound-export.json'), 'utf8')) as {
      applications: { company: string }[];
      checkIns: unknown[];
      goals: unknown[];
    };
    expect(exported.applications.map((a) => a.company)).toEqual(['Acme', 'SecretCo', 'Globex']);
    expect(exported.checkIns).toHaveLength(1);
    expect(exported.goals).toHaveLength(1);
    expect(readFileSync(join(dir, 'alice', 'rebound-applications.csv'), 'utf8')).toContain(',SecretCo,Staff Engineer,');

    const after = out.slice(out.indexOf('[Delete everything'));
    expect(after).toMatch(/^\[#job-hunt\] \(edited\) \(removed at the member's request\)$/m);
    expect(after).toMatch(
      /^\[only @alice\] \(updated\) Done: everything Rebound stored about you in this workspace is deleted\.$/m,
    );
    expect(after).toMatch(/^\[only @alice\] I have nothing stored about you in this workspace\.$/m);
  }, 120_000);
});
