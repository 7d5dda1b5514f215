/** The contract's part on groups, members and what they log: applications, rejections, goals, held entries, insights. */
import { expect, it } from 'vitest';
import { OTHER, WS, at, t0, type Fixture } from './fixtures.ts';

export function entriesContract(f: Fixture): void {
  it('finds a group by its channel only within its workspace', async () => {
    const g = await f.newGroup();
    expect((await f.store.groups.findByChannel(WS, 'C1'))?.id).toBe(g.id);
    expect(await f.store.groups.findByChannel(OTHER, 'C1')).toBeNull();
    expect(g.checkInDays).toEqual([1, 2, 3, 4, 5]);
    expect((await f.store.groups.update(g.id, { ruleSettings: { connect: { enabled: false } } })).ruleSettings).toEqual(
      { connect: { enabled: false } },
    );
    expect((await f.store.groups.getMany([g.id, g.id, 999])).map((x) => x.id)).toEqual([g.id]);
  });

  it('reads a group to change it inside a transaction, and reads none that is not there', async () => {
    const g = await f.newGroup();
    const read = await f.store.transaction(async (tx) => {
      const locked = await tx.groups.getForUpdate(g.id);
      await tx.groups.update(g.id, { adminUserIds: [...(locked?.adminUserIds ?? []), 'U9'] });
      return { locked, missing: await tx.groups.getForUpdate(999) };
    });
    expect(read.locked?.id).toBe(g.id);
    expect(read.missing).toBeNull();
    expect((await f.store.groups.get(g.id))?.adminUserIds).toContain('U9');
  });

  it('refuses a second group on the same channel of the same workspace, and says it is a conflict', async () => {
    await f.newGroup();
    await expect(f.newGroup()).rejects.toMatchObject({ name: 'InternalError', code: 'conflict' });
    expect(await f.store.groups.listAll()).toHaveLength(1);
    expect((await f.newGroup(OTHER)).workspace).toEqual(OTHER);
  });

  it("keeps member defaults and lists a person's memberships in one workspace", async () => {
    const g = await f.newGroup();
    const m = await f.newMember(g.id);
    expect(m).toMatchObject({
      quietStartMinute: 21 * 60,
      quietEndMinute: 8 * 60,
      visibility: 'shared',
      active: true,
      dmUnreachable: false,
      checkInReminders: true,
      timezoneChosen: false,
      pausedUntil: null,
    });
    const other = await f.newGroup(OTHER);
    await f.newMember(other.id, 'U1', OTHER);
    expect((await f.store.members.listByUser(WS, 'U1')).map((x) => x.id)).toEqual([m.id]);
    const paused = await f.store.members.update(m.id, { pausedUntil: at(60), visibility: 'private', active: false });
    expect(paused.pausedUntil?.getTime()).toBe(at(60).getTime());
    expect(paused.visibility).toBe('private');
    expect(await f.store.members.listByGroup(g.id, { activeOnly: true })).toEqual([]);
    expect((await f.store.members.get(m.id))?.active).toBe(false);
  });

  it("lists a member's recent rejections from one company, newest first, with the application's role", async () => {
    const m = await f.newMember((await f.newGroup()).id);
    const other = await f.newMember(m.groupId, 'U2');
    const app = (memberId: number, company: string, role: string) =>
      f.store.applications.create(
        { workspace: WS, memberId, company, role, link: null, status: 'rejected', visibility: 'shared' },
        at(0),
      );
    const reject = async (memberId: number, applicationId: number, minutes: number) =>
      f.store.rejections.create(
        { workspace: WS, applicationId, memberId, stage: 'interview', note: null, rejectedOn: at(minutes) },
        at(minutes),
      );
    await reject(m.id, (await app(m.id, 'Acme', 'SRE')).id, 1);
    await reject(m.id, (await app(m.id, ' acme ', 'Data Engineer')).id, 5);
    await reject(m.id, (await app(m.id, 'Globex', 'SRE')).id, 6);
    await reject(other.id, (await app(other.id, 'Acme', 'SRE')).id, 7);
    expect(await f.store.rejections.listRecentForCompany(m.id, 'ACME', at(0))).toEqual([
      { createdAt: at(5), role: 'Data Engineer' },
      { createdAt: at(1), role: 'SRE' },
    ]);
    expect(await f.store.rejections.listRecentForCompany(m.id, 'Acme', at(1))).toEqual([
      { createdAt: at(5), role: 'Data Engineer' },
    ]);
  });

  it('matches applications by company without regard to case, newest first', async () => {
    const m = await f.newMember((await f.newGroup()).id);
    const apply = (company: string, role: string, minutes: number) =>
      f.store.applications.create(
        { workspace: WS, memberId: m.id, company, role, link: null, status: 'applied', visibility: 'shared' },
        at(minutes),
      );
    await apply('Acme', 'SRE', 0);
    const second = await apply('ACME', 'PM', 5);
    expect((await f.store.applications.findByCompany(m.id, 'acme')).map((a) => a.id)[0]).toBe(second.id);
    expect((await f.store.applications.setStatus(second.id, 'rejected', at(6))).status).toBe('rejected');
    expect((await f.store.applications.latestCreatedAt([m.id, m.id, 999])).get(m.id)?.getTime()).toBe(at(5).getTime());
  });

  it('deletes an application with everything recorded on it', async () => {
    const m = await f.newMember((await f.newGroup()).id);
    const a = await f.store.applications.create(
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
    await f.store.rejections.create(
      { workspace: WS, applicationId: a.id, memberId: m.id, stage: 'screen', note: 'n', rejectedOn: t0 },
      t0,
    );
    await f.store.feedback.create({ workspace: WS, memberId: m.id, applicationId: a.id, text: 'more design' }, t0);
    await f.store.followUps.createMany(
      [{ workspace: WS, memberId: m.id, applicationId: a.id, ruleId: 'connect', dueAt: at(10), occurrence: 1 }],
      t0,
    );
    expect(await f.store.applications.delete(a.id)).toBe(true);
    expect(await f.store.applications.delete(a.id)).toBe(false);
    expect(await f.store.rejections.listByMember(m.id)).toEqual([]);
    expect(await f.store.followUps.listByMember(m.id, ['pending'])).toEqual([]);
  });

  it("gathers a group's week: entries in the window, steps done on each rejection, reactions", async () => {
    const g = await f.newGroup();
    const m = await f.newMember(g.id);
    const other = await f.newMember(g.id, 'U2');
    const window = { from: at(0), to: at(60 * 24 * 7), firstDate: '2026-11-25', lastDate: '2026-12-01' };
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
      at(1),
    );
    await f.store.applications.create(
      {
        workspace: WS,
        memberId: m.id,
        company: 'Old',
        role: 'SRE',
        link: null,
        status: 'applied',
        visibility: 'shared',
      },
      at(-60),
    );
    const rejection = await f.store.rejections.create(
      { workspace: WS, applicationId: app.id, memberId: m.id, stage: 'final', note: null, rejectedOn: at(2) },
      at(2),
    );
    const [done, auto] = await f.store.followUps.createMany(
      [
        {
          workspace: WS,
          memberId: m.id,
          applicationId: app.id,
          ruleId: 'request-feedback',
          dueAt: at(3),
          occurrence: 1,
        },
        { workspace: WS, memberId: m.id, applicationId: app.id, ruleId: 'connect', dueAt: at(3), occurrence: 1 },
      ],
      at(2),
    );
    if (!done || !auto) throw new Error('no steps');
    await f.store.followUps.update(done.id, { status: 'done' }, at(10));
    await f.store.followUps.closeOpenForMember(m.id, ['connect'], 'done', at(11));
    await f.store.feedback.create({ workspace: WS, memberId: m.id, applicationId: app.id, text: 'x' }, at(12));
    const post = await f.store.posts.create(
      {
        workspace: WS,
        groupId: g.id,
        memberId: m.id,
        subject: 'rejection',
        subjectId: rejection.id,
        channelId: 'C1',
        messageId: 'p1',
      },
      at(2),
    );
    await f.store.reactions.add(post.id, 'U2', 'heart', at(20));
    const week = await f.store.insights.groupFacts(g.id, window);
    expect(week.members.map((x) => x.id)).toEqual([m.id, other.id]);
    expect(week.applications.map((a) => [a.company, a.viaRejection])).toEqual([['Acme', true]]);
    expect(week.rejections.map((r) => [r.id, r.followUpsDone])).toEqual([[rejection.id, 1]]);
    expect(week.followUpsDone.map((x) => x.id)).toEqual([done.id]);
    expect(week.feedback).toHaveLength(1);
    expect(week.reactions).toEqual([{ reactorUserId: 'U2', memberId: m.id, createdAt: at(20) }]);
    expect(week.referenced.map((a) => a.id)).toEqual([app.id]);
    const facts = await f.store.insights.memberFacts(other.id);
    expect([facts.reactionsGiven, facts.reactionsReceived, facts.applications.length]).toEqual([1, 0, 0]);
  });

  it('sets weekly goals and replaces them', async () => {
    const m = await f.newMember((await f.newGroup()).id);
    await f.store.goals.set(WS, m.id, { applications: 5, networking: 2 }, t0);
    await f.store.goals.set(WS, m.id, { applications: 8, networking: 1 }, at(1));
    expect(await f.store.goals.get(m.id)).toEqual({ memberId: m.id, applications: 8, networking: 1, updatedAt: at(1) });
  });

  it('holds an entry with its typed input, and drops held entries older than a moment', async () => {
    const m = await f.newMember((await f.newGroup()).id);
    const held = await f.store.pendingEntries.create(
      WS,
      m.id,
      { kind: 'rejected', input: { company: 'Acme', role: null, stage: 'final', note: 'so close' } },
      t0,
    );
    expect(await f.store.pendingEntries.get(held.id)).toEqual({
      id: held.id,
      memberId: m.id,
      createdAt: t0,
      kind: 'rejected',
      input: { company: 'Acme', role: null, stage: 'final', note: 'so close' },
    });
    expect(await f.store.pendingEntries.deleteOlderThan(at(5))).toBe(1);
    expect(await f.store.pendingEntries.delete(held.id)).toBe(false);
  });
}
