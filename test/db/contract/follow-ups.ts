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
