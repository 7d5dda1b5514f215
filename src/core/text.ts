/**
 * Cleaning user text before it is stored: control characters out, and lengths counted the way people
 * count them. Mentions are the adapters' business: each renderer escapes text for its platform.
 */

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
