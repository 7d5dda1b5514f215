/** The contract's part on the funnel's reads: application histories by member and by group, and a window's offers. */
import { expect, it } from 'vitest';
import type { ApplicationStatus, Member } from '../../../src/core/types.ts';
import { WS, at, t0, type Fixture } from './fixtures.ts';

export function pipelineFactsContract(f: Fixture): void {
  const apply = (m: Member, company: string, minutes = 0, status: ApplicationStatus = 'applied') =>
    f.store.applications.create(
      { workspace: WS, memberId: m.id, company, role: 'SRE', link: null, status, visibility: 'shared' },
      at(minutes),
    );
  const window = { from: at(100), to: at(200), firstDate: '2026-11-25', lastDate: '2026-11-25' };

  it("reads a member's application history, oldest first, with none of another member's", async () => {
    const g = await f.newGroup();
    const m = await f.newMember(g.id);
    const other = await f.newMember(g.id, 'U2');
    const a = await apply(m, 'Acme');
    await apply(other, 'Globex', 5);
    await f.store.applications.setStatus(a.id, 'screening', at(30));
    const facts = await f.store.insights.memberFacts(m.id);
    expect(facts.events.map((e) => [e.applicationId, e.status, e.at.getTime()])).toEqual([
      [a.id, 'applied', t0.getTime()],
      [a.id, 'screening', at(30).getTime()],
    ]);
  });

  it("reads a group's applications, events and rejections of every membership, active or not, and no other group's", async () => {
    const g = await f.newGroup();
    const elsewhere = await f.newGroup(WS, 'C2');
    const m = await f.newMember(g.id);
    const left = await f.newMember(g.id, 'U2');
    await f.store.members.update(left.id, { active: false });
    const outsider = await f.newMember(elsewhere.id);
    const a = await apply(m, 'Acme');
    const b = await apply(left, 'Globex', 1, 'rejected');
    await f.store.rejections.create(
      { workspace: WS, applicationId: b.id, memberId: left.id, stage: 'screen', note: null, rejectedOn: at(1) },
      at(1),
    );
    await f.store.applications.setStatus(a.id, 'interviewing', at(50));
    const c = await apply(outsider, 'Initech', 2);
    await f.store.applications.setStatus(c.id, 'offer', at(60));
    const facts = await f.store.insights.groupPipeline(g.id);
    expect(facts.applications.map((x) => [x.company, x.viaRejection])).toEqual([
      ['Acme', false],
      ['Globex', true],
    ]);
    expect(facts.events.map((e) => [e.applicationId, e.status])).toEqual([
      [a.id, 'applied'],
      [b.id, 'rejected'],
      [a.id, 'interviewing'],
    ]);
    expect(facts.rejections.map((r) => [r.applicationId, r.stage])).toEqual([[b.id, 'screen']]);
    expect(await f.store.insights.groupPipeline(999)).toEqual({ applications: [], events: [], rejections: [] });
  });

  it('reads the offers made in a window by their event, once each, whatever the status is now', async () => {
    const g = await f.newGroup();
    const m = await f.newMember(g.id);
    const before = await apply(m, 'Early');
    await f.store.applications.setStatus(before.id, 'offer', at(90));
    const twice = await apply(m, 'Acme');
    await f.store.applications.setStatus(twice.id, 'offer', at(110));
    await f.store.applications.setStatus(twice.id, 'interviewing', at(120));
    await f.store.applications.setStatus(twice.id, 'offer', at(130));
    await f.store.applications.setStatus(twice.id, 'accepted', at(140));
    const later = await apply(m, 'Globex');
    await f.store.applications.setStatus(later.id, 'offer', at(150));
    await f.store.applications.setStatus(before.id, 'accepted', at(160));
    const outside = await apply(m, 'Late');
    await f.store.applications.setStatus(outside.id, 'offer', at(200));
    const week = await f.store.insights.groupFacts(g.id, window);
    expect(week.offers.map((a) => [a.company, a.status])).toEqual([
      ['Acme', 'accepted'],
      ['Globex', 'offer'],
    ]);
  });
}
