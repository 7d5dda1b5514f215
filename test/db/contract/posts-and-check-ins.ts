/** The contract's part on the bot's posts, peer reactions and daily check-ins. */
import { expect, it } from 'vitest';
import { OTHER, WS, at, ref, t0, type Fixture } from './fixtures.ts';

export function postAndCheckInContract(f: Fixture): void {
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
    expect(new Set(who)).toEqual(new Set([checked.id, applied.id, updated.id]));
  });
}
