/**
 * Validation of the fields people type, with the limits of the product. Each validator returns
 * clean text (control characters removed, mentions neutralised) or throws a `UserError` that says
 * what was wrong and shows the right form.
 */
import { UserError } from './errors.ts';
import { charLength, neutraliseMentions, stripControl } from './text.ts';
import { REJECTION_STAGES, type RejectionStage, type Visibility } from './types.ts';

export const LIMITS = { company: 100, role: 100, note: 1000, update: 2000, link: 500 } as const;

interface FieldSpec {
  readonly label: string;
  readonly max: number;
  readonly example: string;
  readonly field?: string;
}

/** A required text field: trimmed, 1..max characters. */
export function requiredText(raw: string | undefined, spec: FieldSpec): string {
  const text = clean(raw);
  if (text === '') throw new UserError(`Please give a ${spec.label}.`, spec.example, spec.field);
  return checkLength(text, spec);
}

/** An optional text field: empty means absent. */
export function optionalText(raw: string | undefined, spec: FieldSpec): string | null {
  const text = clean(raw);
  return text === '' ? null : checkLength(text, spec);
}

function clean(raw: string | undefined): string {
  return neutraliseMentions(stripControl(raw ?? '')).trim();
}

function checkLength(text: string, spec: FieldSpec): string {
  // Cheap bound first, so a 100 KB paste is refused without segmenting it.
  // A text no longer than the limit in UTF-16 units is within it in characters too.
  if (text.length > spec.max && (text.length > spec.max * 8 || charLength(text) > spec.max)) {
    throw new UserError(
      `That ${spec.label} is too long: ${spec.max.toLocaleString('en')} characters at most.`,
      spec.example,
      spec.field,
    );
  }
  return text;
}

export function parseStage(raw: string | undefined, example: string, field?: string): RejectionStage | null {
  const text = (raw ?? '').trim().toLowerCase();
  if (text === '') return null;
  const aliases: Readonly<Record<string, RejectionStage>> = {
    application: 'applied',
    screening: 'screen',
    'phone screen': 'screen',
    interviewing: 'interview',
    onsite: 'interview',
    'final round': 'final',
  };
  const stage = (REJECTION_STAGES as readonly string[]).includes(text) ? (text as RejectionStage) : aliases[text];
  if (!stage) {
    throw new UserError(
      `"${neutraliseMentions(stripControl(text)).slice(0, 40)}" is not a stage I know. Use one of: ${REJECTION_STAGES.join(', ')}.`,
      example,
      field,
    );
  }
  return stage;
}

export function parseVisibility(raw: string | undefined): Visibility {
  const text = (raw ?? '').trim().toLowerCase();
  if (text === 'shared' || text === 'counts' || text === 'private') return text;
  throw new UserError('Visibility is one of shared, counts or private.', '/rebound visibility counts');
}

export function parseLink(raw: string | undefined, example: string): string | null {
  const text = stripControl(raw ?? '').trim();
  if (text === '') return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UserError('That link does not look like a web address.', example);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || text.length > LIMITS.link) {
    throw new UserError(`Links start with https:// and are at most ${LIMITS.link} characters.`, example);
  }
  return url.toString();
}

/** A whole number in a range, for goals and form counts. */
export function parseCount(
  raw: string | undefined,
  label: string,
  example: string,
  max = 1000,
  field?: string,
): number {
  const text = (raw ?? '').trim();
  if (text === '') return 0;
  if (!/^\d{1,6}$/.test(text) || Number(text) > max) {
    throw new UserError(`${label} is a whole number from 0 to ${max}.`, example, field);
  }
  return Number(text);
}
