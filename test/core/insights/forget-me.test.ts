import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/core/errors.ts';
import { buttonsOf, createWorld, textOf, type World } from '../../helpers/world.ts';
import {
  confirmButton,
  everyRow,
  memberIds,
  seedTwoMembers,
  tablesWithMemberId,
  WS,
  ZOE,
  ZOE_ELSEWHERE,
} from './member-data.ts';

const ZOE_WORDS = [
  'UZOE',
  'ZetaCorp',
  'ZetaSecond',
  'Zoe Platform Role',
  'zoe-private-note',
  'zoe-update-text',
  'zoe-feedback-text',
  'zoe-check-in-note',
];

describe('/rebound forget-me', () => {
  let world: World;
  afterEach(() => world.close());

  /** Everything about Yan, less the reactions between Yan and Zoe (those are about Zoe too, and go). */
  async function yanSnapshot(zoePosts: ReadonlySet<number>): Promise<unknown> {
    const data = await world.store.privacy.exportMember(WS, 'UYAN');
    return {
      ...data,
      reactionsGiven: data.reactionsGiven.filter((r) => !zoePosts.has(r.postId)),
      reactionsReceived: data.reactionsReceived.filter((r) => r.reactorUserId !== ZOE.userId),
    };
  }

  it('asks first, with a button, and deletes nothing until confirmed', async () => {
    world = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await seedTwoMembers(world);
    const reply = await world.run(ZOE, '/rebound forget-me');
    expect(textOf(reply)).toContain('It cannot be undone. If you want a copy first, run /rebound export.');
    expect(memberIds(world, WS, ZOE.userId)).toHaveLength(2);
    const keep = buttonsOf(reply).find((b) => b.startsWith('forget:keep:')) ?? '';
    expect(textOf(await world.click(ZOE, keep))).toContain('Nothing was deleted.');
    expect(memberIds(world, WS, ZOE.userId)).toHaveLength(2);
  });

  it('deletes every row about the member in the workspace once confirmed, and leaves other members untouched', async () => {
    world = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await seedTwoMembers(world);
    const before = memberIds(world, WS, ZOE.userId);
    const zoePosts = new Set((await world.store.privacy.exportMember(WS, ZOE.userId)).posts.map((p) => p.id));
    const yanBefore = await yanSnapshot(zoePosts);
    expect((await world.store.privacy.exportMember(WS, 'UYAN')).reactionsGiven.length).toBeGreaterThan(0);
    const zoeElsewhere = JSON.stringify(
      await world.store.privacy.exportMember({ platform: 'slack', workspaceId: 'T2' }, ZOE.userId),
    );

    const done = textOf(await world.click(ZOE, await confirmButton(world, ZOE)));
    expect(done).toContain('everything Rebound stored about you in this workspace is deleted');

    const db = world.database.sqlite;
    for (const table of tablesWithMemberId(world)) {
      const left = db
        .prepare(`select count(*) as n from "${table}" where member_id in (${before.join(',')})`)
        .get() as { n: number };
      expect(left.n, `${table} still refers to the member`).toBe(0);
    }
    expect(memberIds(world, WS, ZOE.userId)).toEqual([]);
    expect(
      (
        db
          .prepare("select count(*) as n from reactions where workspace_id = 'T1' and reactor_user_id = 'UZOE'")
          .get() as { n: number }
      ).n,
    ).toBe(0);
    // Not one of Zoe's words is left anywhere in workspace T1, including the group admin lists.
    const rows = everyRow(world, WS);
    expect(rows).toContain('YanCorp');
    for (const word of ZOE_WORDS) expect(rows, word).not.toContain(word);

    expect(await yanSnapshot(zoePosts)).toEqual(yanBefore);
    expect((await world.store.privacy.exportMember(WS, 'UYAN')).applications.length).toBeGreaterThan(0);
    expect(
      JSON.stringify(await world.store.privacy.exportMember({ platform: 'slack', workspaceId: 'T2' }, ZOE.userId)),
    ).toBe(zoeElsewhere);
  });

  it("blanks the bot's group posts about the member on the platform before deleting them", async () => {
    world = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await seedTwoMembers(world);
    const aboutZoe = world.chat.sent
      .filter((s) => s.kind === 'channel' && s.workspace.workspaceId === 'T1' && /UZOE( applied| heard|:)/.test(s.text))
      .map((s) => s.sent.messageId);
    expect(aboutZoe.length).toBe(4);
    await world.click(ZOE, await confirmButton(world, ZOE));
    const edits = world.chat.sent.filter((s) => s.kind === 'update');
    expect(edits.map((e) => e.sent.messageId).sort()).toEqual([...aboutZoe].sort());
    for (const e of edits) expect(e.text).toBe("(removed at the member's request)");
    expect(world.chat.sent.some((s) => s.kind === 'update' && s.text.includes('YanCorp'))).toBe(false);
    // Then the rows of those posts are gone too (a post row outlives its member otherwise, with no member id).
    const left = world.database.sqlite
      .prepare(`select count(*) as n from posts where message_id in (${aboutZoe.map(() => '?').join(',')})`)
      .get(...aboutZoe) as { n: number };
    expect(left.n).toBe(0);
  });

  it('still deletes everything when the platform refuses to edit an old post, and says so', async () => {
    world = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await seedTwoMembers(world);
    world.chat.failNext(DeliveryError.permanent('message too old to edit'), 'update');
    const done = textOf(await world.click(ZOE, await confirmButton(world, ZOE)));
    expect(done).toContain('1 older post could not be edited');
    expect(memberIds(world, WS, ZOE.userId)).toEqual([]);
  });

  it('works only for the person who asked, in the workspace where they asked, and not after it expires', async () => {
    world = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await seedTwoMembers(world);
    const button = await confirmButton(world, ZOE);
    expect(textOf(await world.click('UYAN', button))).toContain('belongs to someone else, so nothing was deleted');
    expect(textOf(await world.click(ZOE_ELSEWHERE, button))).toContain(
      'belongs to someone else, so nothing was deleted',
    );
    expect(memberIds(world, WS, ZOE.userId)).toHaveLength(2);
    expect(memberIds(world, WS, 'UYAN')).toHaveLength(2);
    expect(memberIds(world, { platform: 'slack', workspaceId: 'T2' }, ZOE.userId)).toHaveLength(1);

    world.clock.advance(31 * 60_000);
    expect(textOf(await world.click(ZOE, button))).toContain('That confirmation has expired');
    expect(memberIds(world, WS, ZOE.userId)).toHaveLength(2);
  });
});

describe('/rebound forget-me for someone who only reacted', () => {
  it('also deletes the reactions of a person who never joined a group', async () => {
    const world = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    try {
      await world.run('UYAN', '/rebound setup 09:00 UTC');
      await world.run('UYAN', '/applied YanCorp | Yan Role');
      await world.react('ULURKER', 'YanCorp');
      expect((await world.store.privacy.exportMember(WS, 'ULURKER')).reactionsGiven).toHaveLength(1);
      await world.click('ULURKER', await confirmButton(world, 'ULURKER'));
      expect((await world.store.privacy.exportMember(WS, 'ULURKER')).reactionsGiven).toHaveLength(0);
      expect((await world.store.privacy.exportMember(WS, 'UYAN')).applications).toHaveLength(1);
    } finally {
      world.close();
    }
  });
});
