/**
 * `npm run backup -- <file>`: an online backup of REBOUND_DB, safe while the bot runs. SQLite's
 * backup API copies a consistent snapshot through a read-only connection; in WAL mode that reader
 * never blocks the bot's writes. The copy is switched out of WAL so it is one self-contained file.
 */
import { closeSync, existsSync, openSync, rmSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { ConfigError, loadDbPath } from './config.ts';

export class BackupError extends Error {
  override readonly name = 'BackupError';
}

export interface BackupResult {
  /** The backup file, as given. */
  readonly path: string;
  readonly bytes: number;
}

/** Copy every remaining page in one step: a single snapshot that concurrent writes cannot restart. */
const ALL_PAGES = 0x7fffffff;

/**
 * Backs up the SQLite database at `source` into `target`, a file that must not exist yet (a backup
 * never overwrites anything), and checks the copy before reporting it.
 */
export async function backupDatabase(source: string, target: string): Promise<BackupResult> {
  if (source === ':memory:')
    throw new BackupError('REBOUND_DB is :memory:, a throw-away database: there is nothing to back up');
  if (!existsSync(source)) throw new BackupError(`the database ${source} does not exist (check REBOUND_DB)`);

  claimTarget(target);
  try {
    const database = new Database(source, { readonly: true, fileMustExist: true });
    try {
      await database.backup(target, { progress: () => ALL_PAGES });
    } finally {
      database.close();
    }
    settle(target);
  } catch (error) {
    for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(`could not back up ${source}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return { path: target, bytes: statSync(target).size };
}

/** Creates the target exclusively, so two backups racing for one name cannot both write it. */
function claimTarget(target: string): void {
  try {
    closeSync(openSync(target, 'wx'));
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'EEXIST')
      throw new BackupError(`${target} already exists; a backup never overwrites a file, choose a new name`);
    if (code === 'ENOENT') throw new BackupError(`the folder for ${target} does not exist`);
    throw new BackupError(`cannot create ${target}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

/** Makes the copy a single file (no -wal beside it) and checks that SQLite can read it whole. */
function settle(target: string): void {
  const copy = new Database(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`the copy in ${target} failed SQLite's check: ${String(check)}`);
  } finally {
    copy.close();
  }
}

/** The command line: returns the exit code. */
export async function runBackupCommand(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const [target, ...rest] = args;
  if (target === undefined || target === '' || rest.length > 0) {
    err('usage: npm run backup -- <backup-file>   (backs up the database at REBOUND_DB)');
    return 2;
  }
  try {
    const result = await backupDatabase(loadDbPath(env), target);
    out(`backup written to ${result.path} (${result.bytes} bytes)`);
    return 0;
  } catch (error) {
    if (error instanceof BackupError || error instanceof ConfigError) {
      err(`backup failed: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runBackupCommand(
    process.argv.slice(2),
    process.env,
    (line) => console.log(line),
    (line) => console.error(line),
  );
}
