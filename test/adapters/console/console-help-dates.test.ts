import { describe, expect, it } from 'vitest';
import { runEntry } from './run-entry.ts';

describe("the console's help and examples", () => {
  it('take their dates from the simulated clock, not from a fixed day', () => {
    const { code, out } = runEntry(':help\n:reply yesterday hi\n:time soon\n/nonsense\n', {
      REBOUND_CONSOLE_START: '2027-03-10T09:00',
    });
    expect(code).toBe(0);
    const help = out.split('\n').filter((line) => line.startsWith('[only @alice] :time'));
    expect(help).toHaveLength(2); // :help, and after the unknown /nonsense
    for (const line of help) {
      expect(line).toContain(':time +1d | +3h | 2027-03-11T09:00 | now');
      expect(line).toContain(':reply 2027-03-10 text');
    }
    expect(out).toMatch(/^\[only @alice\] For example: :reply 2027-03-10 sent two applications$/m);
    expect(out).toMatch(/^\[only @alice\] For example: :time \+1d {2}or {2}:time 2027-03-11T09:00$/m);
    expect(out).not.toMatch(/2026-/);
  });
});
