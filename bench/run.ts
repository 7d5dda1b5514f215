/**
 * `npm run bench`: runs every `bench/*.bench.ts` in its own process, one after another so they do
 * not compete for the CPU, reads each one's JSON report (its last stdout line, see
 * `lib/report.ts`) and writes `docs/PERFORMANCE.md`. A benchmark that fails is listed as failed
 * there, and the runner exits non-zero once all have run.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, totalmem, type as osType, release, arch } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { parseReport, type BenchReport, type BenchRow } from './lib/report.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH_DIR = join(ROOT, 'bench');
const OUTPUT = join(ROOT, 'docs', 'PERFORMANCE.md');
const TIMEOUT_MS = 10 * 60 * 1000;

type Outcome =
  | { readonly file: string; readonly ok: true; readonly seconds: number; readonly report: BenchReport }
  | { readonly file: string; readonly ok: false; readonly seconds: number; readonly reason: string };

interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

function runFile(file: string): Promise<Finished> {
  return new Promise((resolve, reject) => {
    // `node --import tsx` is what `tsx <file>` does, without a second process in between.
    const child = spawn(process.execPath, ['--import', 'tsx', join('bench', file)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      process.stderr.write(chunk);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** Paths in error output (plain or as file URLs) are shown relative to the repository. */
function relative(text: string): string {
  return text.replaceAll(new URL('..', import.meta.url).href, '').replaceAll(ROOT, '');
}

function tail(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

async function runBenchmark(file: string): Promise<Outcome> {
  const started = performance.now();
  const seconds = () => Math.round((performance.now() - started) / 100) / 10;
  let finished: Finished;
  try {
    finished = await runFile(file);
  } catch (error) {
    return {
      file,
      ok: false,
      seconds: seconds(),
      reason: `could not start: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const { code, signal, stdout, stderr, timedOut } = finished;
  if (timedOut || code !== 0) {
    const how = timedOut
      ? `timed out after ${TIMEOUT_MS / 60_000} minutes`
      : code === null
        ? `killed by ${signal ?? 'a signal'}`
        : `exited with code ${code}`;
    const output = tail(stderr || stdout, 20);
    return { file, ok: false, seconds: seconds(), reason: relative(output ? `${how}:\n${output}` : how) };
  }
  try {
    return { file, ok: true, seconds: seconds(), report: parseReport(stdout) };
  } catch (error) {
    return { file, ok: false, seconds: seconds(), reason: error instanceof Error ? error.message : String(error) };
  }
}

// ---------------------------------------------------------------- the document

function cell(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 3 }) : value;
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function rowLine(row: BenchRow): string {
  const ratio = row.ratio === undefined ? '' : `${cell(row.ratio)}×`;
  return `| ${cell(row.metric)} | ${cell(row.value)} | ${cell(row.unit)} | ${cell(row.target)} | ${cell(row.baseline)} | ${ratio} |`;
}

function sqliteVersion(): string {
  const database = new Database(':memory:');
  try {
    return String(database.prepare('SELECT sqlite_version()').pluck().get());
  } finally {
    database.close();
  }
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

function document(outcomes: readonly Outcome[], startedAt: Date): string {
  const cpu = cpus();
  const lines: string[] = [
    '# Performance',
    '',
    `Written by \`npm run bench\` on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. Do not edit by hand; run it again.`,
    '',
    '## Machine',
    '',
    '| | |',
    '| --- | --- |',
    `| CPU | ${cell(cpu[0]?.model.trim() ?? 'unknown')} |`,
    `| Cores | ${cpu.length} |`,
    `| Memory | ${gib(totalmem())} (${gib(freemem())} free at start) |`,
    `| OS | ${osType()} ${release()} ${arch()} |`,
    `| Node | ${process.version} |`,
    `| SQLite | ${sqliteVersion()} (better-sqlite3) |`,
    '',
    '## How to reproduce',
    '',
    '```sh',
    'npm ci',
    'npm run bench                      # every bench/*.bench.ts, one after another; rewrites this file',
    'npx tsx bench/bare-insert.bench.ts # one benchmark; its last stdout line is its JSON report',
    '```',
    '',
    'Absolute numbers belong to the machine above and to its load at the time. Ratios to a baseline',
    'measured in the same run (`baseline`, `ratio`) carry over between machines far better.',
    '',
    '## Summary',
    '',
    '| benchmark | file | result | run time |',
    '| --- | --- | --- | --- |',
    ...outcomes.map(
      (outcome) =>
        `| ${outcome.ok ? cell(outcome.report.name) : ''} | \`bench/${outcome.file}\` | ${outcome.ok ? 'ok' : '**failed**'} | ${outcome.seconds} s |`,
    ),
  ];
  if (outcomes.length === 0) lines.push('', 'No `bench/*.bench.ts` files were found.');

  for (const outcome of outcomes) {
    lines.push('');
    if (outcome.ok) {
      lines.push(`## ${outcome.report.name}`, '', `\`bench/${outcome.file}\``, '');
      if (outcome.report.notes) lines.push(outcome.report.notes, '');
      lines.push('| metric | value | unit | target | baseline | ratio |', '| --- | ---: | --- | --- | ---: | ---: |');
      lines.push(...outcome.report.rows.map(rowLine));
    } else {
      lines.push(`## Failed: \`bench/${outcome.file}\``, '', '```text', outcome.reason.replaceAll('```', "'''"), '```');
    }
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- main

const startedAt = new Date();
const files = readdirSync(BENCH_DIR)
  .filter((file) => file.endsWith('.bench.ts'))
  .sort();

const outcomes: Outcome[] = [];
for (const file of files) {
  process.stderr.write(`bench: ${file} …\n`);
  const outcome = await runBenchmark(file);
  process.stderr.write(`bench: ${file} ${outcome.ok ? 'ok' : 'FAILED'} in ${outcome.seconds} s\n`);
  outcomes.push(outcome);
}

mkdirSync(join(ROOT, 'docs'), { recursive: true });
writeFileSync(OUTPUT, document(outcomes, startedAt));

const failed = outcomes.filter((outcome) => !outcome.ok);
process.stderr.write(
  `bench: wrote docs/PERFORMANCE.md; ${outcomes.length - failed.length} ok, ${failed.length} failed\n`,
);
if (failed.length > 0) process.exitCode = 1;
