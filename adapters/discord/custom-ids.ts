/**
 * Discord custom ids. Inside a guild a button's custom id is the core's action id as it is. A DM
 * has no guild, so a button or form sent by DM carries its guild id in front of the action id:
 * `~<guild id in base 36>~<action id>`. That keeps every click scoped to its workspace without
 * any state in the adapter, and survives restarts.
 */

const MARK = '~';
/** Discord's limit for `custom_id`. */
export const CUSTOM_ID_MAX = 100;

export interface DecodedCustomId {
  /** The guild the id belongs to, when it was encoded for a DM. */
  readonly workspaceId?: string;
  readonly id: string;
}

export function encodeCustomId(id: string, dmWorkspaceId?: string): string {
  const encoded = dmWorkspaceId === undefined ? id : `${MARK}${BigInt(dmWorkspaceId).toString(36)}${MARK}${id}`;
  if (encoded.length > CUSTOM_ID_MAX) {
    throw new RangeError(`custom id is ${encoded.length} characters; Discord allows ${CUSTOM_ID_MAX}`);
  }
  return encoded;
}

export function decodeCustomId(customId: string): DecodedCustomId {
  const match = /^~([0-9a-z]{1,13})~(.*)$/s.exec(customId);
  if (!match?.[1] || match[2] === undefined) return { id: customId };
  return { workspaceId: parseBase36(match[1]).toString(), id: match[2] };
}

function parseBase36(digits: string): bigint {
  let value = 0n;
  for (const digit of digits) value = value * 36n + BigInt(parseInt(digit, 36));
  return value;
}
