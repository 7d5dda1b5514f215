/**
 * The sweep at scale: 100,000 members in 1,000 groups with 1,000,000 follow-ups of which 10,000
 * are due, and the same at one tenth the size with the same 10,000 due. Times one nudge pass of
 * the sweep: select the due steps, claim them in the ledger, build one nudge per member (the
 * target), and then deliver them to a recording chat port with the per-send ledger marks.
 * Setup uses raw prepared inserts in one transaction; what is timed is the product code.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ManualClock } from '../src/core/clock.ts';
import type { CoreDeps } from '../src/core/deps.ts';
import { DEFAULT_RULES } from '../src/core/rules.ts';
import { DEFAULT_RETRY } from '../src/core/sweep/deliver.ts';
import { claimDueNudges, deliverNudge } from '../src/core/sweep/send-due-nudges.ts';
import { openDatabase, type OpenedDatabase } from '../src/db/sqlite/open.ts';
import { createSqliteStore } from '../src/db/sqlite/store.ts';
import { CountingChat } from './lib/counting-chat.ts';
import { median, report } from './lib/report.ts';
import { populateSqlite, SWEEP_DUE, SWEEP_NOW } from './lib/sweep-data.ts';

const NOW = SWEEP_NOW;
const DUE = SWEEP_DUE;
const SAMPLES = 3;

/** Puts the due set back as it was before a sweep, so the next sample times the same work. */
function reset(database: OpenedDatabase): void {
  database.sqlite.exec(`DELETE FROM deliveries; UPDATE follow_ups SET nudged_at = NULL WHERE id <= ${DUE};`);
}

interface SizeResult {
  readonly claimMs: number;
  /** CPU time of the same phase (user + system), which other processes on the machine do not inflate. */
  readonly claimCpuMs: number;
  readonly sweepMs: number;
  readonly nudges: number;
  readonly items: number;
  readonly setupMs: number;
}

async function measure(groups: number, members: number, followUps: number): Promise<SizeResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-sweep-bench-'));
  const database = openDatabase(join(dir, 'bench.db'));
  try {
    const t0 = performance.now();
    populateSqlite(database, { groups, members, followUps });
    const setupMs = performance.now() - t0;
    const chat = new CountingChat();
    const deps: CoreDeps = {
      store: createSqliteStore(database),
      chat,
      clock: new ManualClock(new Date(NOW)),
      logger: { info: () => {}, warn: () => {}, error: () => {} },
      rules: DEFAULT_RULES,
    };
    const policy = { ...DEFAULT_RETRY, wait: async () => {} };
    const claims: number[] = [];
    const claimCpu: number[] = [];
    const sweeps: number[] = [];
    let nudges = 0;
    let items = 0;
    for (let s = 0; s < SAMPLES + 1; s++) {
      reset(database);
      const cpu = process.cpuUsage();
      const start = performance.now();
      const { planned } = await claimDueNudges(deps, 'bench');
      const claimed = performance.now();
      const used = process.cpuUsage(cpu);
      for (const nudge of planned) await deliverNudge(deps, nudge, 'bench', policy);
      const end = performance.now();
      if (s === 0) continue; // warm-up
      claims.push(claimed - start);
      claimCpu.push((used.user + used.system) / 1000);
      sweeps.push(end - start);
      nudges = planned.length;
      items = planned.reduce((n, p) => n + p.keys.length, 0);
    }
    return { claimMs: median(claims), claimCpuMs: median(claimCpu), sweepMs: median(sweeps), nudges, items, setupMs };
  } finally {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const loadBefore = loadavg()[0] ?? 0;
const large = await measure(1_000, 100_000, 1_000_000);
const small = await measure(100, 10_000, 100_000);
const ratio = Math.round((large.claimMs / small.claimMs) * 100) / 100;

report({
  name: 'sweep: due nudges at scale',
  notes:
    `Temp file database (WAL, synchronous=NORMAL), ${DUE.toLocaleString('en')} follow-ups due at both sizes; large: 1,000 groups, 100,000 members, 1,000,000 follow-ups ` +
    `(setup ${Math.round(large.setupMs)} ms); small: 100 groups, 10,000 members, 100,000 follow-ups. "select, claim, build" is one transaction reading the due set, ` +
    `claiming every item in the ledger and building one nudge per member (${large.nudges.toLocaleString('en')} nudges, ${large.items.toLocaleString('en')} items at the large size). ` +
    `"with delivery" adds sending each nudge to a recording chat port with the ledger's attempt mark before and sent mark after each send (two local commits per nudge). ` +
    `Median of ${SAMPLES} runs after a warm-up, the due set reset between runs. Wall time is what a sweep takes; CPU time is the same phase's user+system time, ` +
    `which other work on the machine does not inflate (1-minute load average ${loadBefore.toFixed(1)} at the start on ${cpus().length} cores).`,
  rows: [
    { metric: 'sweep, large: select, claim, build', value: round(large.claimMs), unit: 'ms', target: '< 300 ms' },
    { metric: 'sweep, small: select, claim, build', value: round(small.claimMs), unit: 'ms' },
    { metric: 'large / small', value: ratio, unit: 'x', target: '< 3' },
    { metric: 'CPU time, large: select, claim, build', value: round(large.claimCpuMs), unit: 'ms' },
    { metric: 'CPU time, small: select, claim, build', value: round(small.claimCpuMs), unit: 'ms' },
    { metric: 'sweep with delivery, large', value: round(large.sweepMs), unit: 'ms' },
    { metric: 'sweep with delivery, small', value: round(small.sweepMs), unit: 'ms' },
  ],
});
