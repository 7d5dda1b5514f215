import { ALL_COMMANDS } from '../commands/declarations.ts';
import { quote } from '../commands/read-input.ts';
import { usage } from '../commands/parse-text.ts';
import { privateText, type Reply } from '../messages.ts';

/** `/rebound help`: every command, briefly, from the declarations. An unknown word is named first. */
export function showHelp(unknown?: string): Reply {
  const lines = ALL_COMMANDS.map((command) => `${usage(command)}: ${command.summary}`);
  const intro = 'Rebound helps your circle keep going after every "no". Commands:';
  return privateText(
    [...(unknown ? [`${quote(unknown)} is not a /rebound command I know.`] : []), intro, ...lines].join('\n'),
  );
}
