/** The contract's part on follow-ups: due order, the sweep's read, and closing them by rule and moment. */
import { expect, it } from 'vitest';
import { WS, at, t0, type Fixture } from './fixtures.ts';

export function followUpContract(f: Fixture): void {
  it('lists due follow-ups in due order and stops listing them once nudged', async () => {
    const m = await f.newMember((await f.newGroup()).id);
    const [a, b, c] = await f.store.followUps.createMany(
      [
        { workspace: WS, memberId: m.id, applicationId: null, ruleId: 'connect', dueAt: at(10), occurrence: 1 },
        { workspace: WS, memberId: m.id, applicationId: null, ruleId: 'engage', dueAt: at(5), occurrence: 1 },
        { workspace: WS, memberId: m.id, applicationId: null, ruleId: 'network', dueAt: at(60), occurrence: 2 },
      ],
      t0,
    );
    if (!a || !b || !c) throw new Error('no steps');
    expect([a.ruleId, b.ruleId, c.ruleId, c.occurrence, a.status]).toEqual([
      'connect',
      'engage',
      'network',
      2,
      'pending',
    ]);
    expect((await f.store.followUps.listDue(at(10), 100)).map((x) => x.id)).toEqual([b.id, a.id]);
    expect((await f.store.followUps.nextDueAfter(at(10)))?.getTime()).toBe(at(60).getTime());
    await f.store.followUps.markNudged([b.id], at(10));
    expect((await f.store.followUps.listDue(at(10), 100)).map((x) => x.id)).toEqual([a.id]);
    await f.store.followUps.clearNudged([b.id]);
    expect((await f.store.followUps.listDue(at(10), 1)).map((x) => x.id)).toEqual([b.id]);
    await f.store.followUps.markNudged([b.id], at(10));
    // Moving the due time makes it due for a nudge again.
    await f.store.followUps.update(b.id, { status: 'snoozed', dueAt: at(20) }, at(11));
    expect((await f.store.followUps.listDue(at(30), 100)).map((x) => x.id)).toEqual([a.id, b.id]);
    await f.store.followUps.update(c.id, { status: 'done' }, at(12));
    expect((await f.store.followUps.listDue(at(120), 100)).map((x) => x.id)).not.toContain(c.id);
    expect(await f.store.followUps.countByMember(m.id, ['pending', 'snoozed'])).toBe(2);
    expect((await f.store.followUps.listByMember(m.id, ['pending', 'snoozed'], 1)).map((x) => x.id)).toEqual([a.id]);
  });

  it('reads due steps with their member and application in one pass', async () => {
    const m = await f.newMember((await f.newGroup()).id);
    const app = await f.store.applications.create(
      {
        workspace: WS,
        memberId: m.id,
        company: 'Acme',
        role: 'SRE',
        link: 'https://x',
        status: 'applied',
        visibility: 'counts',
      },
      t0,
    );
    await f.store.members.update(m.id, { checkInReminders: false, timezoneChosen: true, timezone: 'Asia/Tokyo' });
    await f.store.followUps.createMany(
      [
        { workspace: WS, memberId: m.id, applicationId: app.id, ruleId: 'connect', dueAt: at(5), occurrence: 1 },
        { workspace: WS, memberId: m.id, applicationId: null, ruleId: 'network', dueAt: at(6), occurrence: 1 },
        { workspace: WS, memberId: m.id, applicationId: null, ruleId: 'later', dueAt: at(60), occurrence: 1 },
      ],
      t0,
    );
    const due = await f.store.transaction(() => f.store.followUps.listDueWithContext(at(10), 10));
    expect(due.map((d) => d.followUp.ruleId)).toEqual(['connect', 'network']);
    expect(due[0]?.application).toEqual(app);
    expect(due[1]?.application).toBeNull();
    expect(due[0]?.member).toEqual(await f.store.members.get(m.id));
    expect(due[0]?.member).toMatchObject({ checkInReminders: false, timezoneChosen: true, active: true });
    expect(due[0]?.followUp.dueAt).toEqual(at(5));
  });

  it('reads due work a page of whole members at a time, after a member id, with each member as stored', async () => {
    const g = await f.newGroup();
    const members = [];
    for (const user of ['U1', 'U2', 'U3', 'U4']) members.push(await f.newMember(g.id, user));
    await f.store.members.update(members[1]?.id ?? 0, { dmChannelId: 'D2' });
    const step = (memberId: number, ruleId: string, minutes: number) => ({
      workspace: WS,
      memberId,
      applicationId: null,
      ruleId,
      dueAt: at(minutes),
      occurrence: 1,
    });
    const [m1, m2, m3, m4] = members.map((m) => m.id) as [number, number, number, number];
    await f.store.followUps.createMany(
      [step(m2, 'b', 2), step(m1, 'a', 5), step(m2, 'c', 1), step(m3, 'later', 90), step(m4, 'd', 3), step(m4, 'e', 4)],
      t0,
    );
    const page = (after: number, n: number) =>
      f.store.transaction(async () =>
        (await f.store.followUps.listDuePage(at(10), after, n)).map((d) => [d.member.id, d.followUp.ruleId]),
      );
    // Member 3 has nothing due yet; a member's steps all come in the same page, soonest first.
    expect(await page(0, 2)).toEqual([
      [m1, 'a'],
      [m2, 'c'],
      [m2, 'b'],
    ]);
    expect(await page(m2, 2)).toEqual([
      [m4, 'd'],
      [m4, 'e'],
    ]);
    expect(await page(m4, 2)).toEqual([]);
    const [due] = await f.store.transaction(() => f.store.followUps.listDuePage(at(10), m1, 1));
    expect(due?.member).toEqual(await f.store.members.get(m2));
    expect(due?.member.dmChannelId).toBe('D2');
  });

  it('closes, cancels, reopens and deletes follow-ups by rule, status and moment', async () => {
    const m = await f.newMember((await f.newGroup()).id);
    const app = await f.store.applications.create(
      {
        workspace: WS,
        memberId: m.id,
        company: 'Acme',
        role: 'SRE',
        link: null,
        status: 'rejected',
        visibility: 'shared',
      },
      t0,
    );
    const step = (ruleId: string, applicationId: number | null = app.id) => ({
      workspace: WS,
      memberId: m.id,
      applicationId,
      ruleId,
      dueAt: at(10),
      occurrence: 1,
    });
    const [fb, stay, keep] = await f.store.followUps.createMany(
      [step('request-feedback'), step('stay-in-touch'), step('keep-applying', null)],
      t0,
    );
    if (!fb || !stay || !keep) throw new Error('no steps');
    expect(await f.store.followUps.cancelOpen(app.id, ['request-feedback'], at(1))).toBe(1);
    expect((await f.store.followUps.get(fb.id))?.status).toBe('cancelled');
    expect((await f.store.followUps.get(stay.id))?.status).toBe('pending');
    expect(await f.store.followUps.closeOpenForMember(m.id, ['keep-applying'], 'done', at(2))).toBe(1);
    expect(await f.store.insights.memberFacts(m.id).then((x) => x.followUpsDone)).toEqual([]);
    await f.store.followUps.update(stay.id, { status: 'done' }, at(3));
    expect(await f.store.followUps.reopenDoneAt(m.id, ['stay-in-touch'], at(2))).toBe(0);
    expect(await f.store.followUps.reopenDoneAt(m.id, ['stay-in-touch'], at(3))).toBe(1);
    await f.store.followUps.createMany([step('log-feedback')], at(5));
    expect(await f.store.followUps.deleteForApplicationSince(app.id, at(5))).toBe(1);
    expect(await f.store.followUps.countByMember(m.id, ['pending', 'done', 'cancelled'])).toBe(3);
  });
}
