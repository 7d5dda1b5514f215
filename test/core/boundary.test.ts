import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = new URL('../../src/core', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the core boundary', () => {
  const files = sources(CORE);

  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('imports no platform, storage or cron library', () => {
    const forbidden = /from\s+['"](@slack\/[^'"]*|discord\.js|drizzle-orm[^'"]*|better-sqlite3|node-cron|pino)['"]/;
    const offenders = files.filter((f) => forbidden.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('imports nothing from the adapters, the database layer or the scheduler', () => {
    const outward = /from\s+['"][^'"]*\/(adapters|db|scheduler)\//;
    expect(files.filter((f) => outward.test(readFileSync(f, 'utf8')))).toEqual([]);
  });

  it("knows no platform's mention syntax: mentions are the adapters' business", () => {
    const syntax = /<!(channel|here|everyone|subteam)|<@[&!A-Z0-9]|<#[A-Z0-9]/;
    expect(files.filter((f) => syntax.test(readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('never branches on which platform an event came from', () => {
    const branch = /platform\s*[!=]==?\s*['"](slack|discord|console)['"]|case\s+['"](slack|discord)['"]/;
    expect(files.filter((f) => branch.test(readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('never reads the wall clock: time comes from the Clock port', () => {
    const clock = /Date\.now\(\)|new Date\(\)/;
    expect(files.filter((f) => clock.test(readFileSync(f, 'utf8')))).toEqual([]);
  });
});
