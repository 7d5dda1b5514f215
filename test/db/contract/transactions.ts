/** The contract's part on transactions: all or nothing, nested as savepoints, never interleaved. */
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { type Fixture } from './fixtures.ts';

export function transactionContract(f: Fixture): void {
  it('writes nothing at all when a transaction throws, through the store it was given or the root store', async () => {
    const g = await f.newGroup();
    await expect(
      f.store.transaction(async (tx) => {
        await tx.members.create(
          { groupId: g.id, workspace: g.workspace, userId: 'U8', displayName: 'U8', timezone: null },
          g.createdAt,
        );
        // A use case holding the root store is inside the transaction too.
        await f.newMember(g.id, 'U9');
        expect(await f.store.members.find(g.id, 'U8')).not.toBeNull();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await f.store.members.find(g.id, 'U8')).toBeNull();
    expect(await f.store.members.find(g.id, 'U9')).toBeNull();
  });

  it('commits what a transaction wrote and returns its value', async () => {
    const g = await f.newGroup();
    const id = await f.store.transaction(async () => (await f.newMember(g.id, 'U2')).id);
    expect((await f.store.members.get(id))?.userId).toBe('U2');
  });

  it('rolls back a transaction inside a transaction on its own, as a savepoint', async () => {
    const g = await f.newGroup();
    await f.store.transaction(async () => {
      await f.newMember(g.id, 'U2');
      await expect(
        f.store.transaction(async () => {
          await f.newMember(g.id, 'U3');
          throw new Error('inner');
        }),
      ).rejects.toThrow('inner');
      // Two savepoints side by side take turns, and both keep their writes.
      await Promise.all([
        f.store.transaction(async () => f.newMember(g.id, 'U4')),
        f.store.transaction(async () => f.newMember(g.id, 'U5')),
      ]);
    });
    const users = (await f.store.members.listByGroup(g.id)).map((m) => m.userId);
    expect(users).toEqual(['U2', 'U4', 'U5']);
  });

  it('keeps two overlapping transactions apart: a rollback of one undoes nothing of the other', async () => {
    const g = await f.newGroup();
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    const first = f.store.transaction(async () => {
      await f.newMember(g.id, 'U2');
      await holding;
      throw new Error('first rolls back');
    });
    // Issued while the first is open and waiting: it neither lands inside it nor waits on it forever.
    const second = f.store.transaction(async () => {
      await f.newMember(g.id, 'U3');
      await sleep(5);
      await f.newMember(g.id, 'U4');
    });
    const outside = f.newMember(g.id, 'U5');
    await sleep(20);
    release();
    await expect(first).rejects.toThrow('first rolls back');
    await Promise.all([second, outside]);
    const users = (await f.store.members.listByGroup(g.id)).map((m) => m.userId).sort();
    expect(users).toEqual(['U3', 'U4', 'U5']);
  });
}
