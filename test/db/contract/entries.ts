/** The contract's part on groups, members and what they log: entries, follow-ups, posts, check-ins. */
import { expect, it } from 'vitest';
import { OTHER, WS, at, ref, t0, type Fixture } from './fixtures.ts';

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

  it('refuses a second group on the same channel of the same workspace, and keeps nothing of it', async () => {
    await f.newGroup();
    await expect(f.newGroup()).rejects.toThrow();
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

  it('records a peer reaction once and finds posts by message id within the workspace', async () => {
    const g = await f.newGroup();
    const m = await f.newMember(g.id);
    const post = await f.store.posts.create(
      {
        workspace: WS,
        groupId: g.id,
        memberId: m.id,
        subject: 'application',
        subjectId: 1,
        channelId: 'C1',
        messageId: '171.001',
      },
      t0,
    );
    expect((await f.store.posts.findByMessage(ref(WS, 'C1', '171.001')))?.id).toBe(post.id);
    expect(await f.store.posts.findByMessage(ref(OTHER, 'C1', '171.001'))).toBeNull();
    expect(await f.store.reactions.add(post.id, 'U2', 'tada', t0)).toBe(true);
    expect(await f.store.reactions.add(post.id, 'U2', 'tada', t0)).toBe(false);
    expect(await f.store.reactions.add(post.id + 1000, 'U2', 'tada', t0)).toBe(false);
    expect((await f.store.insights.memberFacts(m.id)).reactionsReceived).toBe(1);
    expect(await f.store.reactions.remove(post.id, 'U2', 'tada')).toBe(true);
    expect(await f.store.reactions.remove(post.id, 'U2', 'tada')).toBe(false);
    await f.store.reactions.add(post.id, 'U3', 'heart', t0);
    expect(await f.store.posts.delete(post.id)).toBe(1);
    expect(await f.store.posts.findBySubject(WS, 'application', 1)).toBeNull();
  });

  it('keeps posts in two channels apart when their message ids are the same', async () => {
    const g1 = await f.newGroup(WS, 'C1');
    const g2 = await f.newGroup(WS, 'C2');
    const post = (groupId: number, channelId: string) =>
      f.store.posts.create(
        { workspace: WS, groupId, memberId: null, subject: 'update', subjectId: 1, channelId, messageId: '171.001' },
        t0,
      );
    const first = await post(g1.id, 'C1');
    const second = await post(g2.id, 'C2');
    expect((await f.store.posts.findByMessage(ref(WS, 'C1', '171.001')))?.id).toBe(first.id);
    expect((await f.store.posts.findByMessage(ref(WS, 'C2', '171.001')))?.id).toBe(second.id);
    expect(await f.store.posts.findByMessage(ref(WS, 'C3', '171.001'))).toBeNull();
    // Within one channel a message is one post.
    await expect(post(g1.id, 'C1')).rejects.toThrow();
  });

  it('finds a check-in thread by workspace, channel and thread id', async () => {
    const g1 = await f.newGroup(WS, 'C1');
    const g2 = await f.newGroup(WS, 'C2');
    const g3 = await f.newGroup(OTHER, 'C1');
    const thread = (workspace: typeof WS, groupId: number, channelId: string, localDate: string) =>
      f.store.checkIns.saveThread({ workspace, groupId, localDate, channelId, messageId: '1.1', threadId: '1.1' }, t0);
    await thread(WS, g1.id, 'C1', '2026-11-26');
    await thread(WS, g2.id, 'C2', '2026-11-27');
    await thread(OTHER, g3.id, 'C1', '2026-11-28');
    expect((await f.store.checkIns.findThreadById(ref(WS, 'C1', '1.1')))?.groupId).toBe(g1.id);
    expect((await f.store.checkIns.findThreadById(ref(WS, 'C2', '1.1')))?.groupId).toBe(g2.id);
    expect((await f.store.checkIns.findThreadById(ref(OTHER, 'C1', '1.1')))?.groupId).toBe(g3.id);
    expect(await f.store.checkIns.findThreadById(ref(WS, 'C3', '1.1'))).toBeNull();
    expect((await f.store.checkIns.findThread(g2.id, '2026-11-27'))?.channelId).toBe('C2');
  });

  it('keeps one check-in thread per group and date, and adds a second check-in of the day to the first', async () => {
    const g = await f.newGroup();
    const m = await f.newMember(g.id);
    const thread = {
      workspace: WS,
      groupId: g.id,
      localDate: '2026-11-26',
      channelId: 'C1',
      messageId: '1.1',
      threadId: '1.1',
    };
    await f.store.checkIns.saveThread(thread, t0);
    expect((await f.store.checkIns.saveThread({ ...thread, messageId: '2.2', threadId: '2.2' }, t0)).threadId).toBe(
      '1.1',
    );
    expect((await f.store.checkIns.findThreadById(ref(WS, 'C1', '1.1')))?.localDate).toBe('2026-11-26');
    const entry = {
      workspace: WS,
      memberId: m.id,
      groupId: g.id,
      localDate: '2026-11-26',
      source: 'form' as const,
      applications: 2,
      networking: 1,
      followUpsDone: 0,
      note: null,
    };
    expect((await f.store.checkIns.record(entry, t0)).first).toBe(true);
    const second = await f.store.checkIns.record({ ...entry, applications: 1 }, t0);
    expect(second.first).toBe(false);
    expect(second.checkIn.applications).toBe(1);
    // A thread reply keeps the numbers and adds its note, line by line.
    const reply = { ...entry, source: 'thread' as const, applications: 0, networking: 0 };
    expect((await f.store.checkIns.record({ ...reply, note: 'sent two' }, at(1))).checkIn).toMatchObject({
      applications: 1,
      note: 'sent two',
    });
    expect((await f.store.checkIns.record({ ...reply, note: 'and a call' }, at(2))).checkIn.note).toBe(
      'sent two\nand a call',
    );
    expect((await f.store.checkIns.record(reply, at(3))).checkIn.note).toBe('sent two\nand a call');
    expect([...(await f.store.checkIns.memberIdsCheckedIn(g.id, '2026-11-26'))]).toEqual([m.id]);
    expect((await f.store.checkIns.listByMember(m.id)).map((c) => c.localDate)).toEqual(['2026-11-26']);
  });

  it('tells who logged anything on a day: a check-in or an entry inside its time range', async () => {
    const g = await f.newGroup();
    const [checked, applied, updated, idle] = await Promise.all(
      ['U1', 'U2', 'U3', 'U4'].map((u) => f.newMember(g.id, u)),
    );
    if (!checked || !applied || !updated || !idle) throw new Error('no members');
    await f.store.checkIns.record(
      {
        workspace: WS,
        memberId: checked.id,
        groupId: g.id,
        localDate: '2026-11-25',
        source: 'form',
        applications: 0,
        networking: 0,
        followUpsDone: 0,
        note: null,
      },
      at(600),
    );
    await f.store.applications.create(
      {
        workspace: WS,
        memberId: applied.id,
        company: 'A',
        role: 'R',
        link: null,
        status: 'applied',
        visibility: 'shared',
      },
      at(30),
    );
    await f.store.updates.create({ workspace: WS, memberId: updated.id, text: 'x', source: 'command' }, at(60));
    await f.store.updates.create({ workspace: WS, memberId: idle.id, text: 'late', source: 'command' }, at(120));
    const who = await f.store.checkIns.memberIdsWhoLogged(g.id, '2026-11-25', at(0), at(120));
    expect([...who].sort((a, b) => a - b)).toEqual([checked.id, applied.id, updated.id]);
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
