import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runEntry } from './run-entry.ts';

describe('files the console saves', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("writes each member's export to that member's own folder, so bob's export does not overwrite alice's", () => {
    dir = mkdtempSync(join(tmpdir(), 'rebound-files-'));
    const { code, out } = runEntry(
      '/rebound join\n@bob /rebound join\n/applied Acme | SRE\n@bob /applied Initech | Dev\n/rebound export\n@bob /rebound export\n',
      { REBOUND_FILES_DIR: dir },
    );
    expect(code).toBe(0);
    const alice = join(dir, 'alice', 'rebound-export.json');
    const bob = join(dir, 'bob', 'rebound-export.json');
    expect(out).toContain(`[only @alice] 📎 rebound-export.json saved to ${alice}`);
    expect(out).toContain(`[only @bob] 📎 rebound-export.json saved to ${bob}`);
    const companies = (file: string) =>
      (JSON.parse(readFileSync(file, 'utf8')) as { applications: { company: string }[] }).applications.map(
        (a) => a.company,
      );
    expect(companies(alice)).toEqual(['Acme']);
    expect(companies(bob)).toEqual(['Initech']);
    expect(readFileSync(join(dir, 'bob', 'rebound-applications.csv'), 'utf8')).toContain(',Initech,Dev,');
  });
});
