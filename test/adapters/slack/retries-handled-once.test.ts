/**
 * Slack's retries and replays are recognised in the database, not in one process's memory: a retry
 * that reaches another replica, or a replay after a restart, is dropped; an id is remembered for
 * the retention and then forgotten by the sweep.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INBOUND_RETENTION_MS } from '../../../src/core/sweep/prune-inbound-ledger.ts';
import { directMessageEnvelope, startSlackWithCore, texts, type SlackWithCore } from './with-core.ts';

const RETRY = { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } };

let dir: string;
let file: string;
const running: SlackWithCore[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rebound-retries-'));
  file = join(dir, 'rebound.db');
});
afterEach(async () => {
  for (const h of running.splice(0)) await h.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function replica(options: { setUp: boolean }): Promise<SlackWithCore> {
  const h = await startSlackWithCore({ file, ...options });
  running.push(h);
  return h;
}

/** How many times the bot answered a DM, in the Web API calls one replica made. */
const dmAnswers = (h: SlackWithCore) =>
  h.rig.api.callsTo('chat.postMessage').filter((call) => /commands work in this DM/.test(texts(call))).length;

const applications = async (h: SlackWithCore) =>
  (await h.store.applications.listByMember((await h.member('U1')).id)).map((a) => a.company);

describe('Slack retries across processes and restarts', () => {
  it('handles an event once in total when its retry reaches a second replica on the same database', async () => {
    const first = await replica({ setUp: true });
    const second = await replica({ setUp: false });

    await first.rig.slack.event(directMessageEnvelope('U1', 'hello?', 'EvREPLICA'));
    const retry = await second.rig.slack.event(directMessageEnvelope('U1', 'hello?', 'EvREPLICA'), RETRY);

    expect(retry.status).toBe(200);
    expect([dmAnswers(first), dmAnswers(second)]).toEqual([1, 0]);
    expect(second.rig.logger.lines).toContainEqual(
      expect.objectContaining({ message: 'duplicate event ignored', fields: { teamId: 'T1', eventId: 'EvREPLICA' } }),
    );
  });

  it('drops a slash command replayed with the same trigger_id after a restart', async () => {
    const before = await replica({ setUp: true });
    await before.command('U1', '/applied', 'Acme | SRE', '13345224609.738474920.restart0000');
    expect(await applications(before)).toEqual(['Acme']);
    await running.splice(0)[0]?.stop();

    const after = await replica({ setUp: false });
    await after.command('U1', '/applied', 'Acme | SRE', '13345224609.738474920.restart0000');
    expect(await applications(after)).toEqual(['Acme']);
    expect(after.rig.logger.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'replayed slash command ignored' }),
    );
    await after.command('U1', '/applied', 'Globex | SRE', '13345224609.738474920.restart0001');
    expect(await applications(after)).toEqual(['Acme', 'Globex']);
  });

  it('forgets an event id once the sweep finds it older than the retention, and then takes it in again', async () => {
    const h = await replica({ setUp: true });
    const again = () => h.rig.slack.event(directMessageEnvelope('U1', 'hello?', 'EvOLD'), RETRY);
    await h.rig.slack.event(directMessageEnvelope('U1', 'hello?', 'EvOLD'));

    h.clock.advance(INBOUND_RETENTION_MS - 60_000);
    expect((await h.rebound.sweep()).inboundPruned).toBe(0);
    await again();
    expect(dmAnswers(h)).toBe(1);

    h.clock.advance(2 * 60_000);
    // The setup command's trigger_id and EvOLD.
    expect((await h.rebound.sweep()).inboundPruned).toBe(2);
    await again();
    expect(dmAnswers(h)).toBe(2);
  });
});
