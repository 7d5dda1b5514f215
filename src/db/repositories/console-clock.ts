import { and, eq } from 'drizzle-orm';
import type { Dialect } from '../dialect.ts';

/** The console's simulated time in one console workspace; null means the real clock. */
export interface ConsoleClockRepository {
  load(): Promise<Date | null>;
  save(at: Date | null): Promise<void>;
}

export function createConsoleClockRepository(d: Dialect, workspaceId: string): ConsoleClockRepository {
  const { consoleClocks } = d.tables;
  const where = and(eq(consoleClocks.platform, 'console'), eq(consoleClocks.workspaceId, workspaceId));
  return {
    async load() {
      const [row] = await d.db.select().from(consoleClocks).where(where).limit(1);
      return row?.simulatedAt ?? null;
    },
    async save(at) {
      if (at === null) {
        await d.db.delete(consoleClocks).where(where);
        return;
      }
      await d.db
        .insert(consoleClocks)
        .values({ platform: 'console', workspaceId, simulatedAt: at })
        .onConflictDoUpdate({ target: [consoleClocks.platform, consoleClocks.workspaceId], set: { simulatedAt: at } });
    },
  };
}

/**
 * The console's saved clock as the console reads it today: loaded once (`load()` answers at once)
 * and saved in order behind the caller's back. `flush()` waits for the saves and rethrows the
 * first that failed; call it before closing the store.
 */
export interface SavedConsoleClock {
  load(): Date | null;
  save(at: Date | null): Promise<void>;
  flush(): Promise<void>;
}

export async function loadSavedConsoleClock(repository: ConsoleClockRepository): Promise<SavedConsoleClock> {
  let current = await repository.load();
  let saving: Promise<void> = Promise.resolve();
  let failure: unknown = null;
  return {
    load: () => current,
    save(at) {
      current = at;
      saving = saving.then(() => repository.save(at));
      // The console does not wait for a save; a failure is kept for `flush`, never left unhandled.
      const saved = saving.catch((error: unknown) => {
        failure ??= error;
      });
      saving = saved;
      return saved;
    },
    async flush() {
      await saving;
      if (failure !== null) throw failure;
    },
  };
}
