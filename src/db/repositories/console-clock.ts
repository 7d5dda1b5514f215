import { and, eq } from 'drizzle-orm';
import type { Db } from '../open.ts';
import { consoleClocks } from '../schema.ts';

/** The console's simulated time in one console workspace; null means the real clock. */
export interface SavedConsoleClock {
  load(): Date | null;
  save(at: Date | null): void;
}

export function createConsoleClockStore(db: Db, workspaceId: string): SavedConsoleClock {
  const where = and(eq(consoleClocks.platform, 'console'), eq(consoleClocks.workspaceId, workspaceId));
  return {
    load() {
      return db.select().from(consoleClocks).where(where).get()?.simulatedAt ?? null;
    },
    save(at) {
      if (at === null) {
        db.delete(consoleClocks).where(where).run();
        return;
      }
      db.insert(consoleClocks)
        .values({ platform: 'console', workspaceId, simulatedAt: at })
        .onConflictDoUpdate({ target: [consoleClocks.platform, consoleClocks.workspaceId], set: { simulatedAt: at } })
        .run();
    },
  };
}
