import { ALL_COMMANDS } from '../commands/declarations.ts';
import { privateText, type Reply } from '../messages.ts';

/**
 * A message written to the bot in a DM: the bot reads no conversation, so it answers with the
 * commands that work there (a short list, from the declarations) instead of staying silent.
 */
export function answerDirectMessage(): Reply {
  const here = ALL_COMMANDS.filter((c) => c.where === 'group-or-dm').map((c) => `/${c.id} — ${c.summary}`);
  return privateText(
    "Hi! I don't read messages here, but these commands work in this DM (for your group):",
    here.join('\n'),
    "Logging an application or a rejection, joining and setting up happen in your group's channel. /rebound help explains everything.",
  );
}
