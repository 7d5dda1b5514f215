import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf, createWorld, textOf, type World } from '../../helpers/world.ts';
import { everyRow, memberIds, seedTwoMembers, WS, ZOE } from './member-data.ts';

describe('a forget-me confirmation is used once, and a second press says what already happened', () => {
  let world: World;
  let confirm: string;
  let keep: string;

  beforeEach(async () => {
    world = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await seedTwoMembers(world);
    const buttons = buttonsOf(await world.command(ZOE, 'rebound', 'forget-me'));
    confirm = buttons.find((b) => b.startsWith('forget:confirm:')) ?? '';
    keep = buttons.find((b) => !b.startsWith('forget:confirm:')) ?? '';
    expect(confirm).not.toBe('');
    expect(keep).not.toBe('');
  });
  afterEach(() => world.close());

  it('answers Keep my data after Delete everything with the deletion, not "Nothing was deleted"', async () => {
    expect(textOf(await world.click(ZOE, confirm))).toContain('everything Rebound stored about you');
    const late = textOf(await world.click(ZOE, keep));
    expect(late).not.toContain('Nothing was deleted');
    expect(late).toContain('already deleted');
  });

  it('answers Delete everything after Keep my data without deleting anything', async () => {
    expect(textOf(await world.click(ZOE, keep))).toContain('Nothing was deleted.');
    const late = textOf(await world.click(ZOE, confirm));
    expect(late).toContain('You chose to keep your data');
    expect(late).toContain('/rebound forget-me');
    expect(memberIds(world, WS, ZOE.userId)).toHaveLength(2);
  });

  it('answers a second Delete everything with what was done, and leaves data stored since alone', async () => {
    await world.click(ZOE, confirm);
    await world.command(ZOE, 'rebound', 'join');
    await world.command(ZOE, 'applied', 'FreshStart | New Role');
    const again = textOf(await world.click(ZOE, confirm));
    expect(again).toContain('Already done');
    expect((await world.store.privacy.exportMember(WS, ZOE.userId)).applications.map((a) => a.company)).toEqual([
      'FreshStart',
    ]);
  });

  it('keeps no trace of who asked once their data is deleted', async () => {
    await world.click(ZOE, confirm);
    expect(everyRow(world, WS)).not.toContain(ZOE.userId);
  });
});
