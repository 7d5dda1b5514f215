/**
 * The kinds of field a command can take, and the typed value each one becomes. A command's fields
 * are declared once (declarations.ts); parsers, forms, Discord options and help are derived from them.
 */
import type { MinuteOfDay, Weekday } from '../types.ts';
import type { LocalWhen } from './when.ts';

export type FieldKind =
  'text' | 'integer' | 'choice' | 'user' | 'timezone' | 'time-of-day' | 'weekdays' | 'date' | 'when' | 'url';

interface FieldBase<Id extends string, Kind extends FieldKind> {
  readonly id: Id;
  readonly kind: Kind;
  /** What the person sees: a form label, a Discord option description, a help word. */
  readonly label: string;
  readonly required: boolean;
  /** A value that would be accepted, shown in errors and in help. */
  readonly example: string;
  /** The word for it in an error ("Please give an update."), when the label does not read well there. */
  readonly noun?: string;
  /** How the field is written in a usage line (`HH-HH`), when its id or kind does not say it. */
  readonly usage?: string;
}

export interface TextField<Id extends string = string> extends FieldBase<Id, 'text'> {
  readonly maxLength: number;
  /** Shown as a multi-line input in forms. */
  readonly long?: boolean;
  /** Seen only by the member (forms say so). */
  readonly private?: boolean;
  /** Offered as they type (Discord's autocomplete): the companies of their own applications. */
  readonly suggest?: 'own-companies';
}
export interface IntegerField<Id extends string = string> extends FieldBase<Id, 'integer'> {
  readonly min: number;
  readonly max: number;
}
export interface ChoiceField<Id extends string = string, C extends string = string> extends FieldBase<Id, 'choice'> {
  readonly choices: readonly { readonly value: C; readonly label: string; readonly aliases?: readonly string[] }[];
}
export type UserField<Id extends string = string> = FieldBase<Id, 'user'>;
export type TimezoneField<Id extends string = string> = FieldBase<Id, 'timezone'>;
export type TimeOfDayField<Id extends string = string> = FieldBase<Id, 'time-of-day'>;
export type WeekdaysField<Id extends string = string> = FieldBase<Id, 'weekdays'>;
export type DateField<Id extends string = string> = FieldBase<Id, 'date'>;
/** A day and a time in the member's zone (`tomorrow 14:00`, `2026-12-03 14:00`). */
export type WhenField<Id extends string = string> = FieldBase<Id, 'when'>;
export interface UrlField<Id extends string = string> extends FieldBase<Id, 'url'> {
  readonly maxLength: number;
}

export type Field =
  | TextField
  | IntegerField
  | ChoiceField
  | UserField
  | TimezoneField
  | TimeOfDayField
  | WeekdaysField
  | DateField
  | WhenField
  | UrlField;

/** The typed value of a field once read. */
export type ValueOf<F extends Field> =
  F extends ChoiceField<string, infer C>
    ? C
    : F extends IntegerField
      ? number
      : F extends TimeOfDayField
        ? MinuteOfDay
        : F extends WeekdaysField
          ? readonly Weekday[]
          : F extends WhenField
            ? LocalWhen
            : string;

/** A command's input: one property per field, `null` where an optional field was left out. */
export type InputOf<Fields extends readonly Field[]> = {
  readonly [F in Fields[number] as F['id']]: F['required'] extends true ? ValueOf<F> : ValueOf<F> | null;
};

/**
 * A mention the adapter found where a person was expected, already decoded from its platform's
 * syntax: a person (by platform user id), or something that is not one person.
 */
export type MentionToken =
  { readonly kind: 'user'; readonly userId: string } | { readonly kind: 'everyone' | 'here' | 'role' | 'channel' };

/** A field's value as it arrived, before it is read: text, a number (Discord integers), or a mention. */
export type RawValue = string | number | MentionToken;

export type RawValues = Readonly<Record<string, RawValue>>;
