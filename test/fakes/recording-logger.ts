/** A logger that keeps every line for assertions instead of printing it. */
import type { Logger } from '../../src/core/ports/index.ts';

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly fields: Readonly<Record<string, string | number | boolean | null>>;
  readonly message: string;
}

export class RecordingLogger implements Logger {
  readonly lines: LogLine[] = [];
  info(fields: LogLine['fields'], message: string): void {
    this.lines.push({ level: 'info', fields, message });
  }
  warn(fields: LogLine['fields'], message: string): void {
    this.lines.push({ level: 'warn', fields, message });
  }
  error(fields: LogLine['fields'], message: string): void {
    this.lines.push({ level: 'error', fields, message });
  }
}
