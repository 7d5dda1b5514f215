import { describe, expect, it } from 'vitest';
import { runEntry } from './run-entry.ts';

describe('the console answers a mistyped line with what was wrong', () => {
  it('asks which button when :click has no id', () => {
    const { code, out } = runEntry(':click\n');
    expect(code).toBe(0);
    expect(out).toMatch(/^\[only @alice\] Which button\? Give the short id printed on it, e.g\. :click b12$/m);
    expect(out).not.toMatch(/There is no button/);
  });

  it('says there is no thread when :reply names a day without a check-in thread, and which day has one', () => {
    const { code, out } = runEntry('/rebound join\n:time +1h\n:reply 2026-11-26 sent two applications\n', {
      REBOUND_CONSOLE_START: '2026-12-01T08:30',
    });
    expect(code).toBe(0);
    expect(out).toMatch(/^\[only @alice\] There is no check-in thread for 2026-11-26\.$/m);
    expect(out).toMatch(/^\[only @alice\] The latest is 2026-12-01: :reply 2026-12-01 sent two applications$/m);
    expect(out).not.toMatch(/Checked in/);
  });

  it('says no check-in thread has opened yet when there is none to reply in', () => {
    const { code, out } = runEntry(':reply 2026-12-01 sent two applications\n', {
      REBOUND_CONSOLE_START: '2026-12-01T08:30',
    });
    expect(code).toBe(0);
    expect(out).toMatch(/^\[only @alice\] There is no check-in thread for 2026-12-01\.$/m);
    expect(out).toMatch(/^\[only @alice\] No check-in thread has opened in the last two weeks; /m);
  });

  it('still takes a reply in a thread that was opened', () => {
    const { code, out } = runEntry('/rebound join\n:time +1h\n:reply 2026-12-01 sent two applications\n', {
      REBOUND_CONSOLE_START: '2026-12-01T08:30',
    });
    expect(code).toBe(0);
    expect(out).toMatch(/^\[only @alice\] Checked in for Tuesday 1 December\./m);
    expect(out).not.toMatch(/There is no check-in thread/);
  });

  it('says how far the clock can move when :time jumps more than 400 days, by offset or by date', () => {
    const { code, out } = runEntry(':time +401d\n:time 2030-01-01T09:00\n', {
      REBOUND_CONSOLE_START: '2026-12-01T09:00',
    });
    expect(code).toBe(0);
    const refusals = out.match(/^\[only @alice\] The clock moves at most 400 days at a time\.$/gm) ?? [];
    expect(refusals).toHaveLength(2);
    expect(out).not.toMatch(/Move the clock with/);
    expect(out).not.toMatch(/Daily check-in/);
  });
});

describe("a console form is the opener's", () => {
  it("refuses bob's submission of the check-in form alice opened, and counts nothing", () => {
    const { code, out } = runEntry(
      '/rebound join\n@bob /rebound join\n/checkin\n@bob :submit f1 applications=3\n/stats\n',
      { REBOUND_CONSOLE_START: '2026-12-01T10:00' },
    );
    expect(code).toBe(0);
    expect(out).toMatch(/^\[only @bob\] Form f1 was opened for @alice: only they can send it\./m);
    expect(out).not.toMatch(/Checked in/);
  });
});
