import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEntry } from './run-entry.ts';

describe('the console adapter, through the real entry point', () => {
  it('answers a rejection privately with the plan, then nudges @alice by DM with buttons when steps come due', () => {
    const { code, out } = runEntry('/rebound join\n/rejected Acme | Backend Engineer | interview\n:time +4d\n');
    expect(code).toBe(0);
    expect(out).toMatch(/^\[only @alice\] I'm sorry about Acme/m);
    expect(out).toMatch(/^\[only @alice\] • .*Ask for feedback at Acme/m);
    expect(out).toMatch(/^\[DM @alice\] .*Ask for feedback at Acme/m);
    expect(out).toMatch(/^\[DM @alice\] .*Connect with people at Acme/m);
    expect(out).toMatch(/^\[DM @alice\] .*\[Done b\d+\] \[Snooze 2d b\d+\] \[Skip b\d+\]/m);
    // Every printed line says where it went.
    for (const line of out.trimEnd().split('\n'))
      expect(line).toMatch(/^\[(#job-hunt|DM @\w+|only @\w+|thread #job-hunt \d{4}-\d{2}-\d{2}|clock)\]/);
  });

  it('marks a step done from a nudge button, so /followups no longer lists it', () => {
    const first = runEntry('/rejected Acme | SRE | final\n:time +4d\n');
    // The Done button printed under the feedback nudge (short ids count up in print order).
    const nudge = first.out.slice(first.out.indexOf('Ask for feedback at Acme (due'));
    const done = /\[Done (b\d+)\]/.exec(nudge)?.[1];
    expect(done).toBeDefined();
    const { code, out } = runEntry(`/rejected Acme | SRE | final\n:time +4d\n:click ${done}\n/followups\n`);
    expect(code).toBe(0);
    expect(out).toMatch(/^\[DM @alice\] \(updated\) .*✓ Done: Ask for feedback at Acme/m);
    const afterClick = out.slice(out.indexOf('(updated)'));
    const followups = afterClick.slice(afterClick.indexOf('Your open follow-ups'));
    expect(followups).not.toMatch(/Ask for feedback at Acme \(due/);
    expect(followups).toMatch(/Connect with people at Acme/);
  });

  it('runs commands as another member, shows post ids and takes reactions on them', () => {
    const { code, out } = runEntry('@bob /rebound join\n@bob /applied Acme | SRE\n:react p2 🎉 @alice\n:react p9 🎉\n');
    expect(code).toBe(0);
    expect(out).toMatch(/^\[#job-hunt\] 📨 bob applied for SRE at Acme\. \(post p2\)/m);
    expect(out).toMatch(/^\[only @alice\] There is no post p9\./m);
  });

  it('refuses bad input privately and keeps going: time backwards, unknown buttons, unknown commands', () => {
    const { code, out } = runEntry(
      ':time 2020-01-01T09:00\n:click b99\n/nonsense\n/applied  | SRE\n/rebound timezone Mars/Olympus\n',
    );
    expect(code).toBe(0);
    expect(out).toMatch(/^\[only @alice\] Time only moves forward here\./m);
    expect(out).toMatch(/^\[only @alice\] There is no button b99\./m);
    expect(out).toMatch(/^\[only @alice\] I don't know "\/nonsense"/m);
    expect(out).toMatch(/^\[only @alice\] Please give a company\./m);
    expect(out).toMatch(/^\[only @alice\] "Mars\/Olympus" is not a timezone I know/m);
  });

  it('keeps what people told it in a database file across restarts, and never repeats a nudge', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebound-console-'));
    try {
      const env = { REBOUND_DB: join(dir, 'rebound.db') };
      const first = runEntry('/rebound join\n/rejected Acme | SRE | final\n:time +4d\n', env);
      expect(first.code).toBe(0);
      expect(first.out).toMatch(/Ask for feedback at Acme \(due/);
      const second = runEntry(':time +4d\n/followups\n', env);
      expect(second.code).toBe(0);
      expect(second.out).not.toMatch(/^\[DM @alice\] .*Ask for feedback at Acme \(due/m);
      expect(second.out).not.toMatch(/Rebound is here/);
      expect(second.out).toMatch(/^\[only @alice\] Your open follow-ups/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops start-up with one clear line when a setting is malformed', () => {
    const { code, err } = runEntry('', { SLACK_BOT_TOKEN: 'not-a-token' });
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/SLACK_BOT_TOKEN/);
    expect(err).not.toMatch(/not-a-token/);
  });
});
