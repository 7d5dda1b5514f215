/**
 * The group's funnel, all time: every member's applications the group may count (`shared` and
 * `counts`; `private` ones count for nothing), as figures only. Per company, where at least three
 * members applied, the median time to a first answer and the share that ended ghosted, from
 * `shared` applications only: a `counts` or `private` application never names its company.
 */
import type { PipelineFacts } from '../ports/index.ts';
import { daysToAnswer, historiesOf, median, pipeline, type ApplicationHistory, type Pipeline } from './funnel.ts';

/** Fewer members than this at a company and its figures would point at someone. */
export const COMPANY_MIN_MEMBERS = 3;

export interface CompanyFigures {
  /** As the earliest of those applications spelled it. */
  readonly company: string;
  readonly applications: number;
  readonly medianDaysToAnswer: number | null;
  /** Applications there whose status is now `ghosted`. */
  readonly ghosted: number;
}

export interface GroupPipeline {
  readonly pipeline: Pipeline;
  /** Most applications first, then by name. */
  readonly companies: readonly CompanyFigures[];
}

export function groupPipeline(facts: PipelineFacts, now: Date, zone: string): GroupPipeline {
  const histories = historiesOf(
    facts.applications.filter((a) => a.visibility !== 'private'),
    facts.events,
    facts.rejections,
  );
  return { pipeline: pipeline(histories, now, zone), companies: companyFigures(histories, zone) };
}

function companyFigures(histories: readonly ApplicationHistory[], zone: string): CompanyFigures[] {
  const byCompany = new Map<string, ApplicationHistory[]>();
  for (const h of histories) {
    if (h.application.visibility !== 'shared') continue;
    const key = h.application.company.trim().toLocaleLowerCase('en');
    byCompany.set(key, [...(byCompany.get(key) ?? []), h]);
  }
  return [...byCompany.values()]
    .filter((hs) => new Set(hs.map((h) => h.application.memberId)).size >= COMPANY_MIN_MEMBERS)
    .map((hs) => ({
      company: hs[0]?.application.company.trim() ?? '',
      applications: hs.length,
      medianDaysToAnswer: median(hs.flatMap((h) => daysToAnswer(h, zone) ?? [])),
      ghosted: hs.filter((h) => h.application.status === 'ghosted').length,
    }))
    .sort((a, b) => b.applications - a.applications || a.company.localeCompare(b.company, 'en'));
}
