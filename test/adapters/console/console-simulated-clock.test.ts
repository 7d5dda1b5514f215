import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { runEntry } from './run-entry.ts';

describe("the console's simulated clock", () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('is kept in the database, so a restart carries on at the simulated time until :time now', () => {
    dir = mkdtempSync(join(tmpdir(), 'rebound-clock-'));
    const env = { REBOUND_DB: join(dir, 'rebound.db') };
    const first = runEntry('/rebound join\n:time +1h\n', { ...env, REBOUND_CONSOLE_START: '2026-12-01T08:30' });
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^\[#job-hunt\] Tue 1 Dec, 09:00 · \*\* Daily check-in · Tuesday 1 December \*\*/m);
    expect(first.out).toMatch(/^\[clock\] It is now Tue 1 Dec 2026, 09:30 \(UTC\)\.$/m);

    const second = runEntry(':time +1h\n:time now\n', env);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/^\[clock\] It is Tue 1 Dec 2026, 09:30 \(UTC\), simulated/m);
    expect(second.out).toMatch(/^\[clock\] It is now Tue 1 Dec 2026, 10:30 \(UTC\)\.$/m);
    // The day's check-in was opened before the restart: it is not opened again.
    expect(second.out).not.toMatch(/Daily check-in · Tuesday 1 December/);
    expect(second.out).toMatch(/^\[clock\] Back on the real clock: it is now /m);

    const third = runEntry('', env);
    expect(third.code).toBe(0);
    expect(third.out).not.toMatch(/simulated/);
  });

  it("starts at REBOUND_CONSOLE_START read in the group's timezone", () => {
    dir = mkdtempSync(join(tmpdir(), 'rebound-clock-'));
    const env = { REBOUND_DB: join(dir, 'rebound.db') };
    // Set up the day before (in UTC, the local zone), then moved to Tokyo.
    expect(
      runEntry('/rebound setup 09:00 Asia/Tokyo\n', { ...env, REBOUND_CONSOLE_START: '2026-11-30T10:00' }).code,
    ).toBe(0);
    const { code, out } = runEntry(':time +1m\n', { ...env, REBOUND_CONSOLE_START: '2026-12-01T08:59' });
    expect(code).toBe(0);
    expect(out).toMatch(/^\[clock\] It is Tue 1 Dec 2026, 08:59 \(Asia\/Tokyo\), simulated/m);
    expect(out).toMatch(/^\[#job-hunt\] Tue 1 Dec, 09:00 · \*\* Daily check-in · Tuesday 1 December \*\*/m);
  });

  it('uses the local timezone for REBOUND_CONSOLE_START before the group exists, as the group will', () => {
    const { code, out } = runEntry('', { REBOUND_CONSOLE_START: '2026-12-01T09:00', TZ: 'America/New_York' });
    expect(code).toBe(0);
    expect(out).toMatch(/^\[clock\] It is Tue 1 Dec 2026, 09:00 \(America\/New_York\), simulated/m);
  });

  it('stops start-up with one clear line when REBOUND_CONSOLE_START is not a date and time', () => {
    const { code, out, err } = runEntry('/rebound join\n', { REBOUND_CONSOLE_START: '2026-02-30T09:00' });
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toEqual([
      'rebound: REBOUND_CONSOLE_START must be a local date and time like 2026-12-01T09:00 (got "2026-02-30T09:00")',
    ]);
  });

  it('reads REBOUND_CONSOLE_START as a local date, with or without a time of day', () => {
    expect(loadConfig({ REBOUND_CONSOLE_START: ' 2026-12-01T09:00 ' }).consoleStart).toBe('2026-12-01T09:00');
    expect(loadConfig({ REBOUND_CONSOLE_START: '2026-12-01' }).consoleStart).toBe('2026-12-01');
    expect(loadConfig({}).consoleStart).toBeNull();
    for (const bad of ['tomorrow', '2026-12-01 09:00', '2026-12-01T25:00', '2026-12-01T09:00Z'])
      expect(() => loadConfig({ REBOUND_CONSOLE_START: bad })).toThrow(ConfigError);
  });
});

describe(':time now from far behind the real clock', () => {
  it('goes straight back to the real time, as a bot restarted after a long stop would, instead of replaying years', () => {
    const started = Date.now();
    const { code, out } = runEntry(':time now\n', { REBOUND_CONSOLE_START: '2020-01-06T09:00' });
    expect(code).toBe(0);
    expect(out).toMatch(/^\[clock\] Back on the real clock: it is now /m);
    expect(out).not.toMatch(/Daily check-in · Tuesday 7 January/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});
