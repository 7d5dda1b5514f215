import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWeekChart } from '../../../src/charts/week-chart.ts';
import type { ChartRenderer, WeekChartDayData } from '../../../src/core/ports/index.ts';
import { DeliveryError } from '../../../src/core/errors.ts';
import { ledgerKey } from '../../../src/core/sweep/ledger-keys.ts';
import { decodePng } from '../../helpers/decode-png.ts';
import { createWorld, type World } from '../../helpers/world.ts';

/** Records what it was asked to draw and returns a stand-in; the real renderer is used where the PNG matters. */
class FakeCharts implements ChartRenderer {
  readonly calls: { title: string; days: readonly WeekChartDayData[] }[] = [];
  async renderWeek(input: { title: string; days: readonly WeekChartDayData[] }): Promise<Uint8Array> {
    this.calls.push(input);
    return new Uint8Array([1, 2, 3]);
  }
}

/** Each digest post, with the files shared right after it in its channel (the chart, a step of its own). */
const digests = (world: World) =>
  world.chat.sent.flatMap((s, i, all) => {
    if (s.kind !== 'channel' || !s.text.includes('your week together')) return [];
    // The chart is its own step, sent after the text; other posts of the same sweep (the day's
    // check-in thread) may go out between the two.
    const chart = all.slice(i + 1).find((n) => n.kind === 'files' && n.to === s.to);
    const files = chart?.files ?? [];
    return [{ ...s, files }];
  });

/** A week of 16–22 Nov 2026 in a group checking in at 09:00 UTC, Monday to Friday. */
async function weekOfActivity(world: World): Promise<void> {
  await world.run('ann', '/rebound setup 09:00 UTC mon-fri');
  await world.run('cat', '/rebound join');
  await world.run('cat', '/rebound visibility private');
  await world.run('ann', '/applied Acme | SRE');
  await world.run('cat', '/applied SecretCo | Staff Engineer');
  const ann = (await world.store.members.listByUser({ platform: 'slack', workspaceId: 'T1' }, 'ann'))[0]!;
  await world.store.checkIns.record(
    {
      workspace: ann.workspace,
      memberId: ann.id,
      groupId: ann.groupId,
      localDate: '2026-11-16',
      source: 'thread',
      applications: 0,
      networking: 0,
      followUpsDone: 0,
      note: null,
    },
    world.clock.now(),
  );
  world.clock.set(new Date('2026-11-18T12:00:00Z'));
  await world.run('ann', '/rejected Globex | SRE | interview');
  await world.run('cat', '/rejected SecretCo | Staff Engineer | final');
  await world.react('ben', 'Acme');
}

describe('the weekly digest', () => {
  let world: World;
  let dir: string | null = null;
  afterEach(() => {
    world.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it("is posted on the group's first check-in day at check-in time, with last week's figures and its chart data", async () => {
    const charts = new FakeCharts();
    world = createWorld({ start: new Date('2026-11-16T08:00:00Z'), charts });
    await weekOfActivity(world);

    world.clock.set(new Date('2026-11-23T08:59:00Z'));
    await world.rebound.sweep();
    expect(digests(world)).toHaveLength(0);

    world.clock.set(new Date('2026-11-23T09:00:00Z'));
    await world.rebound.sweep();
    const [digest] = digests(world);
    expect(digest?.to).toBe('C1');
    expect(digest?.text).toContain('job-hunt: your week together (16 Nov – 22 Nov)');
    expect(digest?.text).toContain('📨 Applications: 1 (ann: Acme (SRE))');
    expect(digest?.text).toContain('💛 Rejections: 1');
    expect(digest?.text).toContain('🙋 Check-ins: 1');
    expect(digest?.text).not.toContain('SecretCo');
    expect(digest?.files.map((f) => [f.filename, f.mimeType])).toEqual([['rebound-week-2026-W47.png', 'image/png']]);
    expect(charts.calls[0]?.days).toEqual([
      { date: '2026-11-16', applications: 1, networking: 0, followUpsDone: 0, checkIns: 1 },
      { date: '2026-11-17', applications: 0, networking: 0, followUpsDone: 0, checkIns: 0 },
      { date: '2026-11-18', applications: 0, networking: 0, followUpsDone: 0, checkIns: 0 },
      { date: '2026-11-19', applications: 0, networking: 0, followUpsDone: 0, checkIns: 0 },
      { date: '2026-11-20', applications: 0, networking: 0, followUpsDone: 0, checkIns: 0 },
      { date: '2026-11-21', applications: 0, networking: 0, followUpsDone: 0, checkIns: 0 },
      { date: '2026-11-22', applications: 0, networking: 0, followUpsDone: 0, checkIns: 0 },
    ]);
    expect(
      (await world.store.deliveries.get(ledgerKey({ kind: 'digest', groupId: 1, isoWeek: '2026-W47' })))?.status,
    ).toBe('sent');

    // Later sweeps that week post nothing more.
    world.clock.set(new Date('2026-11-25T09:00:00Z'));
    await world.rebound.sweep();
    expect(digests(world)).toHaveLength(1);
  });

  it('retries only the chart when its upload failed transiently: the post is never sent twice', async () => {
    const charts = new FakeCharts();
    world = createWorld({ start: new Date('2026-11-16T08:00:00Z'), charts });
    await weekOfActivity(world);
    world.clock.set(new Date('2026-11-23T09:00:00Z'));
    world.chat.failNext(DeliveryError.transient('files.completeUploadExternal: HTTP 500'), 'files');
    await world.rebound.sweep();
    const posts = () => world.chat.sent.filter((s) => s.kind === 'channel' && s.text.includes('your week together'));
    const charted = () => world.chat.sent.filter((s) => s.kind === 'files');
    expect(posts()).toHaveLength(1);
    expect(charted()).toHaveLength(0);
    const postKey = ledgerKey({ kind: 'digest', groupId: 1, isoWeek: '2026-W47' });
    const chartKey = ledgerKey({ kind: 'digest-chart', groupId: 1, isoWeek: '2026-W47' });
    expect((await world.store.deliveries.get(postKey))?.status).toBe('sent');
    expect((await world.store.deliveries.get(chartKey))?.status).toBe('retry');
    world.clock.set(new Date('2026-11-23T09:01:00Z'));
    await world.rebound.sweep();
    await world.rebound.sweep();
    expect(posts()).toHaveLength(1);
    expect(charted().map((s) => s.files.map((f) => f.filename))).toEqual([['rebound-week-2026-W47.png']]);
    expect((await world.store.deliveries.get(chartKey))?.status).toBe('sent');
  });

  it('carries a real PNG chart of 800×400 pixels that decodes', async () => {
    world = createWorld({ start: new Date('2026-11-16T08:00:00Z'), charts: { renderWeek: renderWeekChart } });
    await weekOfActivity(world);
    world.clock.set(new Date('2026-11-23T09:00:00Z'));
    await world.rebound.sweep();
    const png = digests(world)[0]?.files[0]?.bytes;
    expect(png).toBeDefined();
    expect(decodePng(png ?? new Uint8Array())).toEqual({ width: 800, height: 400 });
  });

  it('is posted once even when two sweeps run at the same moment', async () => {
    const charts = new FakeCharts();
    world = createWorld({ start: new Date('2026-11-16T08:00:00Z'), charts });
    await weekOfActivity(world);
    world.clock.set(new Date('2026-11-23T09:00:00Z'));
    await Promise.all([world.rebound.sweep(), world.rebound.sweep()]);
    expect(digests(world)).toHaveLength(1);
    expect(charts.calls).toHaveLength(1);
  });

  it('is posted once when two processes sweep the same database file at once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'rebound-digest-'));
    const file = join(dir, 'rebound.db');
    world = createWorld({ start: new Date('2026-11-16T08:00:00Z'), file, charts: new FakeCharts() });
    await weekOfActivity(world);
    const other = createWorld({ start: new Date('2026-11-23T09:00:00Z'), file, charts: new FakeCharts() });
    try {
      world.clock.set(new Date('2026-11-23T09:00:00Z'));
      await Promise.all([world.rebound.sweep(), other.rebound.sweep()]);
      expect(digests(world).length + digests(other).length).toBe(1);
    } finally {
      other.close();
    }
  });

  it("comes on the group's own first check-in day: Wednesday for a Wednesday and Friday group", async () => {
    world = createWorld({ start: new Date('2026-11-16T08:00:00Z'), charts: new FakeCharts() });
    await world.run('ann', '/rebound setup 18:30 Europe/Berlin wed,fri');
    world.clock.set(new Date('2026-11-23T09:00:00Z'));
    await world.rebound.sweep();
    expect(digests(world)).toHaveLength(0);
    world.clock.set(new Date('2026-11-25T17:29:00Z'));
    await world.rebound.sweep();
    expect(digests(world)).toHaveLength(0);
    world.clock.set(new Date('2026-11-25T17:30:00Z')); // 18:30 in Berlin
    await world.rebound.sweep();
    expect(digests(world)).toHaveLength(1);
  });

  it('waits for a full week after a group is set up, and still goes out as text if the chart fails', async () => {
    world = createWorld({
      start: new Date('2026-11-23T08:00:00Z'),
      charts: { renderWeek: () => Promise.reject(new Error('no fonts')) },
    });
    await world.run('ann', '/rebound setup 09:00 UTC');
    world.clock.set(new Date('2026-11-23T09:00:00Z'));
    await world.rebound.sweep();
    expect(digests(world)).toHaveLength(0);
    world.clock.set(new Date('2026-11-30T09:00:00Z'));
    await world.rebound.sweep();
    expect(digests(world)).toHaveLength(1);
    expect(digests(world)[0]?.files).toEqual([]);
    expect(digests(world)[0]?.text).toContain('A quiet week, and that is all right.');
  });
});
