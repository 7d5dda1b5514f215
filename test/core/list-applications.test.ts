import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGroupWorld, replyText, textOf, type GroupWorld } from '../helpers/world.ts';

describe('/applications lists the member’s applications by stage', () => {
  let h: GroupWorld;
  const at = (iso: string) => h.clock.set(new Date(iso));
  beforeEach(async () => {
    h = await createGroupWorld({
      zone: 'Europe/Berlin',
      start: new Date('2026-11-20T09:00:00Z'),
      members: [{ userId: 'alice' }, { userId: 'bob' }],
    });
    // Alice lives in Tokyo: her days (and the dates shown) are Tokyo's.
    await h.command('alice', 'rebound', 'timezone Asia/Tokyo');
    await h.command('alice', 'applied', 'Acme | SRE');
    at('2026-11-22T09:00:00Z');
    await h.command('alice', 'applied', 'Globex | Backend Engineer');
    await h.command('alice', 'applied', 'Initech | QA');
    await h.command('alice', 'applied', 'Hooli | PM');
    at('2026-11-24T09:00:00Z');
    await h.command('alice', 'stage', 'Acme | screening');
    at('2026-12-02T16:00:00Z'); // 3 Dec, 01:00 in Tokyo
    await h.command('alice', 'stage', 'Acme | interviewing');
    await h.command('alice', 'stage', 'Globex | interviewing');
    at('2026-12-03T09:00:00Z');
    await h.command('alice', 'rejected', 'Initech | QA | screen');
    await h.command('alice', 'stage', 'Hooli | withdrawn');
    await h.command('bob', 'applied', 'Umbrella | SRE');
    at('2026-12-05T03:00:00Z');
  });
  afterEach(() => h.close());

  it('shows the active ones by default, in pipeline order, most recently moved first, with age and last move in the member’s zone', async () => {
    const reply = await h.command('alice', 'applications', '');
    expect(reply.type).toBe('private');
    expect(textOf(reply)).toBe(
      [
        'Your applications under way',
        'Interviewing (2)',
        '• Backend Engineer at Globex: logged 13 days ago, interviewing since 3 Dec',
        '• SRE at Acme: logged 15 days ago, interviewing since 3 Dec',
        '2 more are closed (rejected, withdrawn, accepted or ghosted): /applications all shows everything.',
      ].join('\n'),
    );
  });

  it('shows everything with all, and one stage when named', async () => {
    expect(textOf(await h.command('alice', 'applications', 'all'))).toBe(
      [
        'All your applications',
        'Interviewing (2)',
        '• Backend Engineer at Globex: logged 13 days ago, interviewing since 3 Dec',
        '• SRE at Acme: logged 15 days ago, interviewing since 3 Dec',
        'Rejected (1)',
        '• QA at Initech: logged 13 days ago, rejected since 3 Dec',
        'Withdrawn (1)',
        '• PM at Hooli: logged 13 days ago, withdrawn since 3 Dec',
      ].join('\n'),
    );
    expect(textOf(await h.command('alice', 'applications', 'withdrawn'))).toBe(
      [
        'Your applications at withdrawn',
        'Withdrawn (1)',
        '• PM at Hooli: logged 13 days ago, withdrawn since 3 Dec',
      ].join('\n'),
    );
    expect(textOf(await h.command('alice', 'applications', 'offer'))).toBe(
      'None of your applications is at offer right now.',
    );
  });

  it('keeps a long list short: forty applications at most, then how many more', async () => {
    for (let i = 1; i <= 45; i++) await h.command('bob', 'applied', `Company ${i} | SRE`);
    const lines = textOf(await h.command('bob', 'applications', '')).split('\n');
    expect(lines.filter((l) => l.startsWith('• '))).toHaveLength(40);
    expect(lines[1]).toBe('Applied (46)');
    expect(lines.at(-1)).toBe('…and 6 more');
  });

  it('refuses a stage it does not know, with the ones it does', async () => {
    expect(replyText(await h.command('alice', 'applications', 'someday'))).toMatch(
      /^"someday" is not a stage I know\. Use one of: all, applied, screening, interviewing, offer, accepted, rejected, withdrawn, ghosted\./,
    );
  });

  it('works in a DM, shows only the caller’s own, and never makes anyone a member', async () => {
    expect(textOf(await h.command('bob', 'applications', '', { channelId: 'D-bob' }))).toBe(
      ['Your applications under way', 'Applied (1)', '• SRE at Umbrella: logged 2 days ago, applied since 3 Dec'].join(
        '\n',
      ),
    );
    const stranger = await h.command('carol', 'applications', '');
    expect(replyText(stranger)).toMatch(/join/i);
    expect(await h.store.members.find(h.groupId, 'carol')).toBeNull();
  });
});
