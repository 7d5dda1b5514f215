import { describe, expect, it } from 'vitest';
import { runEntry } from './run-entry.ts';

describe('the console moves applications through their stages and lists them', () => {
  it('asks which Acme, celebrates the offer in #job-hunt, and lists the applications by stage', () => {
    const input = [
      '/applied Acme | SRE',
      '/applied Acme | Platform Engineer',
      '@bob /applied Globex | PM',
      ':time +2d',
      '/stage Acme | offer',
      '/stage Acme | SRE | offer',
      '@bob /stage Globex | screening',
      '/stage Initech | @everyone',
      '/applications',
      '@bob /applications all',
      '',
    ].join('\n');
    const { code, out } = runEntry(input, { REBOUND_CONSOLE_START: '2026-12-01T09:00' });
    expect(code).toBe(0);
    expect(out).toMatch(/^\[only @alice\] You have 2 applications at Acme\. Which one moved\?$/m);
    expect(out).toMatch(/^\[only @alice\] • SRE: \/stage Acme \| SRE \| offer$/m);
    expect(out).toMatch(
      /^\[#job-hunt\] 🎉 alice has an offer from Acme! All that effort is paying off\. \(post p\d+\)$/m,
    );
    expect(out).toMatch(/^\[only @alice\] Moved SRE at Acme to offer\.$/m);
    expect(out).toMatch(/^\[only @bob\] Moved PM at Globex to screening\.$/m);
    // A screening is no news for the group.
    expect(out).not.toMatch(/^\[#job-hunt\].*Globex.*screening/m);
    // A mention typed where the stage goes pings nobody: it is echoed inert, with the right form.
    expect(out).toMatch(/^\[only @alice\] "@\u200beveryone" is not a stage I know\./m);
    const alices = out.slice(out.lastIndexOf('[only @alice] ** Your applications under way **'));
    expect(alices).toMatch(
      new RegExp(
        [
          '\\[only @alice\\] \\*\\* Your applications under way \\*\\*',
          '\\[only @alice\\] Applied \\(1\\)',
          '\\[only @alice\\] • Platform Engineer at Acme: logged 2 days ago, applied since 1 Dec',
          '\\[only @alice\\] Offer \\(1\\)',
          '\\[only @alice\\] • SRE at Acme: logged 2 days ago, offer since 3 Dec',
        ].join('\n'),
      ),
    );
    expect(out).toMatch(/^\[only @bob\] • PM at Globex: logged 2 days ago, screening since 3 Dec$/m);
  });
});

describe('the console shows a member their home', () => {
  it(':home prints what is due with its buttons, the applications and the group’s check-in time', () => {
    const input = [
      '/rebound setup 09:00 UTC mon-fri',
      '/rejected Acme | SRE | interview',
      '/applied Globex | QA',
      ':time 2026-12-02T11:00',
      ':home',
      '',
    ].join('\n');
    const { code, out } = runEntry(input, { REBOUND_CONSOLE_START: '2026-12-01T09:00' });
    expect(code).toBe(0);
    expect(out).toMatch(/^\[only @alice\] \*\* Your Rebound home, alice \*\*$/m);
    expect(out).toMatch(/^\[only @alice\] Due now \(1\):$/m);
    expect(out).toMatch(/^\[only @alice\] Your applications under way: applied 1 \(\/applications lists them\)$/m);
    expect(out).toMatch(/checks in at 09:00 \(UTC\) on Monday to Friday\.$/m);
    expect(out).toMatch(/^\[only @alice\] This week: 1 application, 0 networking steps \(set goals with \/goal\)$/m);
    expect(out).toMatch(/\[Done b\d+\]/);
  });
});
