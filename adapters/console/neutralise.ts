/** The console's escaping of user text: what Slack or Discord would read as a mention stays inert. */

const ZWSP = '\u200b';

/**
 * Makes mass mentions and user, role and channel mentions of any platform inert on the terminal, so
 * the console shows what a member typed without it ever reading as a mention.
 */
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
