/**
 * The Slack benchmarks' other processes: the load generator (`slack-load.ts`) and the fake Web API
 * (`slack-fake-api.ts`), each run with tsx; the fake answers call counts over IPC.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadPlan, LoadResult } from '../slack-load.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** `bench/<file>` in a process of its own (with an IPC channel when asked). */
export function tsxChild(file: string, args: string[], ipc: boolean): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join('bench', file), ...args], {
    cwd: ROOT,
    stdio: ipc ? ['ignore', 'pipe', 'inherit', 'ipc'] : ['ignore', 'pipe', 'inherit'],
  });
}

/** The child's first line of output (its report or its address). */
export function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const nl = out.indexOf('\n');
      if (nl !== -1) resolve(out.slice(0, nl));
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`child exited (${code}) before answering`)));
  });
}

/** Runs one load plan in a separate process and reads its result. */
export async function load(plan: LoadPlan): Promise<LoadResult> {
  return JSON.parse(await firstLine(tsxChild('slack-load.ts', [JSON.stringify(plan)], false))) as LoadResult;
}

/** How many calls of `method` the fake Web API has received. */
export function countCalls(fake: ChildProcess, method: string): Promise<number> {
  return new Promise((resolve) => {
    fake.once('message', (m: { count: number }) => resolve(m.count));
    fake.send({ count: method });
  });
}
