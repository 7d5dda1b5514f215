/**
 * Cleaning user text before it is stored or echoed. Mentions are neutralised so that nothing a
 * member types can ping a channel, a role or a person when the bot repeats it.
 */

const ZWSP = '\u200b';

/** Makes mass mentions, user, role and channel mentions inert on Slack and Discord. */
export function neutraliseMentions(text: string): string {
  return (
    text
      // Slack special mentions: <!channel>, <!here|here>, <!subteam^S123|@team>, <!date^…>
      .replace(
        /<!([a-zA-Z^0-9_-]+)(?:\|([^>]*))?>/g,
        (_m, name: string, label: string | undefined) => `@${ZWSP}${label?.replace(/^@/, '') || name}`,
      )
      // Slack user/channel and Discord user/role/channel mentions: <@U1>, <@U1|bob>, <@!1>, <@&1>, <#C1|x>, <#1>
      .replace(
        /<([@#])([!&]?)([A-Za-z0-9]+)(?:\|([^>]*))?>/g,
        (_m, sigil: string, _kind: string, id: string, label: string | undefined) => `${sigil}${ZWSP}${label || id}`,
      )
      // Plain mass mentions: @everyone, @here, @channel (any case)
      .replace(/@(everyone|here|channel)\b/gi, (_m, word: string) => `@${ZWSP}${word}`)
      // Whatever is left that opens like mention syntax (`<#`, `<@`, `<!`, unclosed or split) stays inert.
      .replace(/<(?=[!@#])/g, `<${ZWSP}`)
  );
}

/** Removes control characters (keeping newlines and tabs) and normalises to NFC. */
export function stripControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.normalize('NFC').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '');
}

/** Counts user-perceived characters (so an emoji counts once, not as two UTF-16 units). */
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

export function charLength(text: string): number {
  let n = 0;
  for (const _ of graphemes.segment(text)) n++;
  return n;
}
