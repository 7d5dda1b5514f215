import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackupError, backupDatabase, runBackupCommand } from '../src/backup.ts';

let dir: string;
let source: string;
let writer: Database.Database;

/** A database in WAL mode, held open by a writer as the running bot would hold it. */
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rebound-backup-'));
  source = join(dir, 'rebound.db');
  writer = new Database(source);
  writer.pragma('journal_mode = WAL');
  // Keep recent commits in the WAL file only, so the backup must read them from there.
  writer.pragma('wal_autocheckpoint = 0');
  writer.exec('CREATE TABLE applications (id INTEGER PRIMARY KEY, company TEXT NOT NULL)');
  const insert = writer.prepare('INSERT INTO applications (company) VALUES (?)');
  for (const company of ['Acme', 'Globex', 'Initech']) insert.run(company);
});

afterEach(() => {
  writer.close();
  rmSync(dir, { recursive: true, force: true });
});

function companiesIn(file: string): string[] {
  const database = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return database
      .prepare<[], { company: string }>('SELECT company FROM applications ORDER BY id')
      .all()
      .map((row) => row.company);
  } finally {
    database.close();
  }
}

describe('backupDatabase', () => {
  it('copies every committed row, including those still in the WAL, while a writer holds the database open', async () => {
    expect(existsSync(`${source}-wal`)).toBe(true);
    const target = join(dir, 'backup.db');

    const result = await backupDatabase(source, target);

    expect(result.path).toBe(target);
    expect(result.bytes).toBeGreaterThan(0);
    expect(companiesIn(target)).toEqual(['Acme', 'Globex', 'Initech']);
  });

  it('leaves the running writer able to write, and the copy is a snapshot that does not follow later writes', async () => {
    const target = join(dir, 'backup.db');
    await backupDatabase(source, target);

    writer.prepare('INSERT INTO applications (company) VALUES (?)').run('Umbrella');

    expect(companiesIn(source)).toEqual(['Acme', 'Globex', 'Initech', 'Umbrella']);
    expect(companiesIn(target)).toEqual(['Acme', 'Globex', 'Initech']);
  });

  it('writes a self-contained file: the copy is not in WAL mode', async () => {
    const target = join(dir, 'backup.db');
    await backupDatabase(source, target);
    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    } finally {
      copy.close();
    }
  });

  it('refuses a source that does not exist, and creates nothing', async () => {
    const target = join(dir, 'backup.db');
    await expect(backupDatabase(join(dir, 'missing.db'), target)).rejects.toThrow(/missing\.db does not exist/);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a target that exists and leaves it untouched', async () => {
    const target = join(dir, 'precious.txt');
    writeFileSync(target, 'keep me');
    const attempt = backupDatabase(source, target);
    await expect(attempt).rejects.toBeInstanceOf(BackupError);
    await expect(attempt).rejects.toThrow(/precious\.txt already exists/);
    expect(readFileSync(target, 'utf8')).toBe('keep me');
  });

  it('refuses a target in a folder that does not exist', async () => {
    await expect(backupDatabase(source, join(dir, 'no-such-folder', 'backup.db'))).rejects.toThrow(
      /folder .* does not exist/,
    );
  });

  it('refuses a :memory: database, which has nothing to back up', async () => {
    await expect(backupDatabase(':memory:', join(dir, 'backup.db'))).rejects.toThrow(/:memory:/);
  });
});

describe('runBackupCommand', () => {
  function run(args: string[], env: NodeJS.ProcessEnv) {
    const out: string[] = [];
    const err: string[] = [];
    const code = runBackupCommand(
      args,
      env,
      (line) => out.push(line),
      (line) => err.push(line),
    );
    return code.then((exitCode) => ({ exitCode, out, err }));
  }

  it('backs up REBOUND_DB and prints one line with the path and the size', async () => {
    const target = join(dir, 'nightly.db');
    const { exitCode, out, err } = await run([target], { REBOUND_DB: source });
    expect(exitCode).toBe(0);
    expect(err).toEqual([]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/nightly\.db \(\d+ bytes\)$/);
    expect(companiesIn(target)).toHaveLength(3);
  });

  it('without a file argument, prints the usage and exits 2', async () => {
    const { exitCode, out, err } = await run([], { REBOUND_DB: source });
    expect(exitCode).toBe(2);
    expect(out).toEqual([]);
    expect(err[0]).toMatch(/^usage: npm run backup -- <backup-file>/);
  });

  it('on a failure, prints one clear line and exits 1', async () => {
    const { exitCode, err } = await run([join(dir, 'b.db')], { REBOUND_DB: join(dir, 'gone.db') });
    expect(exitCode).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^backup failed: .*gone\.db does not exist \(check REBOUND_DB\)$/);
  });

  it('runs as a script: the process prints the line and exits 0', async () => {
    const target = join(dir, 'from-script.db');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/backup.ts', target], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { ...process.env, REBOUND_DB: source },
    });
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stdout).toContain('from-script.db');
    expect(companiesIn(target)).toEqual(['Acme', 'Globex', 'Initech']);
  });
});
