/** The lines of a funnel, in /stats and /stats group: counts and shares only, never who. */
import { REJECTION_STAGES, type RejectionStage } from '../types.ts';
import { FUNNEL_STEPS, SILENCE_DAYS, type Pipeline } from './funnel.ts';
import type { CompanyFigures } from './group-pipeline.ts';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "5 days", "4.5 days", "1 day", "the same day". */
export function daysText(days: number): string {
  if (days === 0) return 'the same day';
  return days === 1 ? '1 day' : `${days} days`;
}

/** `applied 6 → screening 3 (50%) → …`: no percentage after a step that nothing reached. */
export function funnelLine(p: Pipeline): string {
  return FUNNEL_STEPS.map((step) => {
    const conversion = p.conversion[step];
    return `${step} ${p.reached[step]}${conversion === null ? '' : ` (${conversion}%)`}`;
  }).join(' → ');
}

export function answerLine(p: Pipeline): string {
  return p.medianDaysToAnswer === null
    ? 'Median time to a first answer: not yet'
    : `Median time to a first answer: ${daysText(p.medianDaysToAnswer)} (over ${plural(p.answered, 'answered application')})`;
}

export function silenceLine(p: Pipeline): string {
  const head = `Still silent after ${SILENCE_DAYS} days:`;
  if (p.silentOf === 0) return `${head} no application is ${SILENCE_DAYS} days old yet`;
  return `${head} ${p.silent} of ${plural(p.silentOf, 'application')} (${Math.round((100 * p.silent) / p.silentOf)}%)`;
}

export function pipelineLines(p: Pipeline): string[] {
  return [funnelLine(p), answerLine(p), silenceLine(p)];
}

export function rejectionsLine(rejectedAt: Readonly<Record<RejectionStage, number>>): string {
  const stages = REJECTION_STAGES.filter((s) => rejectedAt[s] > 0);
  return stages.length
    ? `Rejections by stage: ${stages.map((s) => `${s} ${rejectedAt[s]}`).join(' · ')}`
    : 'No rejections logged.';
}

/** Per-company lines, or the one line saying when they will appear. */
export function companyLines(companies: readonly CompanyFigures[], minMembers: number): string[] {
  if (companies.length === 0)
    return [`Per-company figures appear once ${numberWord(minMembers)} members have applied to the same company.`];
  return [
    `By company (shared applications, where ${numberWord(minMembers)} or more members applied):`,
    ...companies.map(
      (c) =>
        `• ${c.company}: first answer ${firstAnswer(c.medianDaysToAnswer)} · ghosted ${c.ghosted} of ${c.applications} (${Math.round((100 * c.ghosted) / c.applications)}%)`,
    ),
  ];
}

function firstAnswer(median: number | null): string {
  if (median === null) return 'not yet';
  return median === 0 ? 'the same day (median)' : `after ${daysText(median)} (median)`;
}

function numberWord(n: number): string {
  return ['zero', 'one', 'two', 'three', 'four', 'five'][n] ?? String(n);
}
