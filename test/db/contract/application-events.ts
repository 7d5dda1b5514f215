/** The contract's part on an application's history: every status it moved to, with when. */
import { expect, it } from 'vitest';
import type { ApplicationStatus } from '../../../src/core/types.ts';
import { WS, at, t0, type Fixture } from './fixtures.ts';

export function applicationEventsContract(f: Fixture): void {
  const apply = async (company: string, status: ApplicationStatus = 'applied', minutes = 0) => {
    const m = (await f.store.members.find((await f.store.groups.findByChannel(WS, 'C1'))!.id, 'U1'))!;
    return f.store.applications.create(
      { workspace: WS, memberId: m.id, company, role: 'SRE', link: null, status, visibility: 'shared' },
      at(minutes),
    );
  };
  const history = async (id: number) =>
    (await f.store.applications.listEvents(id)).map((e) => [e.status, e.at.getTime()]);

  it('gives each application’s latest news: its newest event, or a later interview round', async () => {
    const m = await f.newMember((await f.newGroup()).id);
    const a = await apply('Acme');
    const b = await apply('Globex', 'applied', 10);
    const c = await apply('Initech', 'applied', 20);
    await f.store.applications.setStatus(a.id, 'screening', at(60));
    // A round ahead is news at its own time; one before the newest event is not.
    await f.store.interviews.create(
      { workspace: WS, applicationId: b.id, memberId: m.id, kind: 'phone', at: at(600) },
      at(30),
    );
    await f.store.interviews.create(
      { workspace: WS, applicationId: c.id, memberId: m.id, kind: 'phone', at: at(1) },
      at(25),
    );
    const news = await f.store.applications.latestNews([a.id, b.id, c.id, 999_999]);
    expect([...news.entries()].sort(([x], [y]) => x - y).map(([id, d]) => [id, d.getTime()])).toEqual([
      [a.id, at(60).getTime()],
      [b.id, at(600).getTime()],
      [c.id, at(20).getTime()],
    ]);
    expect(await f.store.applications.latestNews([])).toEqual(new Map());
  });

  it('starts an application’s history when it is stored and adds each move to it, oldest first', async () => {
    await f.newMember((await f.newGroup()).id);
    const a = await apply('Acme');
    await f.store.applications.setStatus(a.id, 'screening', at(60));
    const moved = await f.store.applications.setStatus(a.id, 'interviewing', at(120));
    expect(moved.status).toBe('interviewing');
    expect(await history(a.id)).toEqual([
      ['applied', t0.getTime()],
      ['screening', at(60).getTime()],
      ['interviewing', at(120).getTime()],
    ]);
    const rejected = await apply('Globex', 'rejected', 5);
    expect(await history(rejected.id)).toEqual([['rejected', at(5).getTime()]]);
  });

  it("gives the newest event of each of the member's applications, and none of another member's", async () => {
    const g = await f.newGroup();
    const m = await f.newMember(g.id);
    const other = await f.newMember(g.id, 'U2');
    const a = await apply('Acme');
    const b = await apply('Globex', 'applied', 10);
    await f.store.applications.setStatus(a.id, 'offer', at(30));
    await f.store.applications.create(
      {
        workspace: WS,
        memberId: other.id,
        company: 'Initech',
        role: 'PM',
        link: null,
        status: 'applied',
        visibility: 'shared',
      },
      at(40),
    );
    const latest = await f.store.applications.latestEvents(m.id);
    expect([...latest.keys()].sort()).toEqual([a.id, b.id].sort());
    expect([latest.get(a.id)?.status, latest.get(a.id)?.at.getTime()]).toEqual(['offer', at(30).getTime()]);
    expect(latest.get(b.id)?.status).toBe('applied');
  });

  it('records nothing for a move of an application that is not there', async () => {
    await f.newMember((await f.newGroup()).id);
    await expect(f.store.applications.setStatus(999, 'offer', t0)).rejects.toMatchObject({ code: 'not-found' });
    expect(await f.store.applications.listEvents(999)).toEqual([]);
  });

  it('takes back an event and those after it, even in the same millisecond, and puts the status before back', async () => {
    await f.newMember((await f.newGroup()).id);
    const a = await apply('Acme');
    await f.store.applications.setStatus(a.id, 'screening', t0);
    await f.store.applications.setStatus(a.id, 'rejected', t0);
    const [, screening] = await f.store.applications.listEvents(a.id);
    const back = await f.store.applications.revertStatus(a.id, 'applied', screening?.id ?? 0);
    expect(back.status).toBe('applied');
    expect(await history(a.id)).toEqual([['applied', t0.getTime()]]);
  });

  it('keeps a move and its event together: a transaction that fails leaves neither', async () => {
    await f.newMember((await f.newGroup()).id);
    const a = await apply('Acme');
    await expect(
      f.store.transaction(async (tx) => {
        await tx.applications.setStatus(a.id, 'offer', at(10));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await f.store.applications.get(a.id))?.status).toBe('applied');
    expect(await history(a.id)).toEqual([['applied', t0.getTime()]]);
  });

  it('reads one event by its id', async () => {
    await f.newMember((await f.newGroup()).id);
    const a = await apply('Acme');
    const [first] = await f.store.applications.listEvents(a.id);
    expect(await f.store.applications.getEvent(first?.id ?? 0)).toEqual(first);
    expect(await f.store.applications.getEvent(999)).toBeNull();
  });

  it('reopens the steps a move cancelled at that very moment, and no others', async () => {
    const m = await f.newMember((await f.newGroup()).id);
    const a = await apply('Acme');
    const step = (ruleId: string) => ({
      workspace: WS,
      memberId: m.id,
      applicationId: a.id,
      ruleId,
      dueAt: at(600),
      occurrence: 1,
    });
    const [earlier] = await f.store.followUps.createMany([step('engage')], t0);
    await f.store.followUps.cancelOpen(a.id, ['engage'], at(1));
    await f.store.followUps.createMany([step('connect'), step('stay-in-touch')], t0);
    await f.store.followUps.cancelOpen(a.id, ['connect', 'stay-in-touch'], at(2));
    expect(await f.store.followUps.reopenCancelledAt(a.id, at(2))).toBe(2);
    const pending = await f.store.followUps.listByMember(m.id, ['pending']);
    expect(pending.map((s) => s.ruleId).sort()).toEqual(['connect', 'stay-in-touch']);
    expect((await f.store.followUps.get(earlier?.id ?? 0))?.status).toBe('cancelled');
  });

  it('removes the history with the application', async () => {
    await f.newMember((await f.newGroup()).id);
    const a = await apply('Acme');
    await f.store.applications.setStatus(a.id, 'screening', at(1));
    expect(await f.store.applications.delete(a.id)).toBe(true);
    expect(await f.store.applications.listEvents(a.id)).toEqual([]);
  });
}
