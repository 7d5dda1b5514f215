import type { CoreDeps } from '../deps.ts';
import type { EventSource } from '../events.ts';
import { exportFiles } from '../privacy/export-files.ts';
import { privateText, textMessage, type Reply } from '../messages.ts';
import { workspaceOf } from './context.ts';

/**
 * `/rebound export`: everything stored about the caller in this workspace (all their groups), as a
 * complete JSON file plus CSVs of applications and follow-ups, sent privately.
 */
export async function exportMyData(deps: CoreDeps, source: EventSource): Promise<Reply> {
  const data = await deps.store.transaction((tx) => tx.privacy.exportMember(workspaceOf(source), source.actor.userId));
  if (data.memberships.length === 0 && data.reactionsGiven.length === 0) {
    return privateText('I have nothing stored about you in this workspace.');
  }
  return {
    type: 'private',
    message: textMessage(
      'Here is everything Rebound stores about you in this workspace: rebound-export.json has all of it; the two CSV files list your applications and follow-ups for a spreadsheet.',
    ),
    files: exportFiles(data, deps.clock.now()),
  };
}
