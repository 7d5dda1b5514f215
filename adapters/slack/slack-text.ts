/**
 * Slack's text conventions in both directions. Outbound: `&`, `<` and `>` are control characters
 * in every Slack text field, so escaping them is what stops user text from becoming `<!channel>` or
 * `<@U123>`. Inbound: message and command text arrive with Slack's markup; the core gets plain text.
 */

/** Escapes the three characters Slack treats as markup. */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Slack user ids as they appear in mentions (`U…` people, `W…` enterprise users). */
const USER_ID = /^[UW][A-Z0-9]+$/;

/** A mention the bot writes on purpose; anything that is not a valid user id is refused. */
export function userMention(userId: string): string | null {
  return USER_ID.test(userId) ? `<@${userId}>` : null;
}

/**
 * Turns Slack markup into plain text: `<@U1|ana>` → `@ana`, `<@U1>` → `@U1`, `<#C1|jobs>` → `#jobs`,
 * `<!here>` → `@here`, `<https://x|label>` → `label (https://x)`, then decodes the three entities.
 */
export function slackMarkupToPlain(text: string): string {
  const plain = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const bar = inner.indexOf('|');
    const target = bar === -1 ? inner : inner.slice(0, bar);
    const label = bar === -1 ? '' : inner.slice(bar + 1);
    if (target.startsWith('@')) return `@${label || target.slice(1)}`;
    if (target.startsWith('#')) return `#${label || target.slice(1)}`;
    if (target.startsWith('!')) {
      const special = target.slice(1).split('^')[0] ?? '';
      return label ? `@${label}` : `@${special.replace(/^subteam$/, 'group')}`;
    }
    return label && label !== target ? `${label} (${target})` : target;
  });
  return plain.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
