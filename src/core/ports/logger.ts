/** Structured logging without personal text. */
export interface Logger {
  info(fields: Readonly<Record<string, string | number | boolean | null>>, message: string): void;
  warn(fields: Readonly<Record<string, string | number | boolean | null>>, message: string): void;
  error(fields: Readonly<Record<string, string | number | boolean | null>>, message: string): void;
}
