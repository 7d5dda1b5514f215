import { describe, expect, it } from 'vitest';
import { ledgerClaim, ledgerKey, type LedgerEntry } from '../../../src/core/sweep/ledger-keys.ts';

const WS = { platform: 'slack', workspaceId: 'T1' } as const;

describe('ledger keys', () => {
  it('are the strings already stored, one per kind', () => {
    const cases: [LedgerEntry, string][] = [
      [{ kind: 'nudge', memberId: 4, followUpId: 17, dueAt: new Date(1795641066467) }, 'nudge:17:1795641066467'],
      [{ kind: 'checkin', groupId: 3, localDate: '2026-11-24' }, 'checkin:3:2026-11-24'],
      [{ kind: 'reminder', memberId: 12, groupId: 3, localDate: '2026-11-24' }, 'reminder:12:2026-11-24'],
      [{ kind: 'reminder-paused', memberId: 12, groupId: 3, localDate: '2026-11-24' }, 'reminder:12:2026-11-24'],
      [{ kind: 'digest', groupId: 3, isoWeek: '2026-W47' }, 'digest:3:2026-W47'],
      [{ kind: 'network', memberId: 12, groupId: 3, isoWeek: '2026-W48' }, 'network:12:2026-W48'],
      [{ kind: 'network-week', groupId: 3, isoWeek: '2026-W48' }, 'network-week:3:2026-W48'],
    ];
    for (const [entry, key] of cases) expect(ledgerKey(entry)).toBe(key);
  });

  it('a paused day takes the reminder’s key, so no reminder is sent for that day afterwards', () => {
    const day = { memberId: 12, groupId: 3, localDate: '2026-11-24' };
    expect(ledgerKey({ kind: 'reminder-paused', ...day })).toBe(ledgerKey({ kind: 'reminder', ...day }));
  });

  it('a claim carries the member, the subject and the local date in their own fields', () => {
    expect(
      ledgerClaim({ kind: 'reminder-paused', memberId: 12, groupId: 3, localDate: '2026-11-24' }, WS, 'host:1:x'),
    ).toEqual({
      key: 'reminder:12:2026-11-24',
      kind: 'reminder-paused',
      workspace: WS,
      memberId: 12,
      subjectId: 3,
      localDate: '2026-11-24',
      owner: 'host:1:x',
    });
    expect(
      ledgerClaim({ kind: 'nudge', memberId: 4, followUpId: 17, dueAt: new Date(0) }, WS, 'host:1:x'),
    ).toMatchObject({ memberId: 4, subjectId: 17, localDate: null });
  });
});
