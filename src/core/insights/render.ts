/** The messages of /stats, /stats group and the weekly digest: warm, brief, never a scolding. */
import type { Block, Message } from '../messages.ts';
import type { RejectionStage } from '../types.ts';
import type { BounceBack } from './bounce-back.ts';
import type { Figures } from './daily.ts';
import type { Pipeline } from './funnel.ts';
import type { GroupPipeline } from './group-pipeline.ts';
import type { GroupWeek, NamedEntry, OfferEntry } from './group-week.ts';
import { COMPANY_MIN_MEMBERS } from './group-pipeline.ts';
import { companyLines, pipelineLines, rejectionsLine } from './render-pipeline.ts';
import { shortDate, type WeekBounds } from './week.ts';

export interface MyStats {
  readonly week: WeekBounds;
  readonly goal: { readonly applications: number; readonly networking: number } | null;
  readonly thisWeek: {
    readonly applications: number;
    readonly networking: number;
    readonly followUpsDone: number;
    readonly checkIns: number;
  };
  /** This week's figures by where they came from; `thisWeek` takes the larger of the two each day. */
  readonly sources: { readonly logged: Figures; readonly reported: Figures };
  readonly streak: number;
  readonly totals: {
    readonly applications: number;
    readonly rejections: number;
    /** Applications with feedback logged (not feedback entries). */
    readonly feedback: number;
    readonly followUpsDone: number;
    readonly checkIns: number;
    readonly reactionsReceived: number;
    readonly reactionsGiven: number;
  };
  /** From every application's history, all time. */
  readonly pipeline: Pipeline;
  readonly rejectedAt: Readonly<Record<RejectionStage, number>>;
  readonly lessons: readonly { readonly company: string; readonly text: string }[];
  readonly bounceBacks: readonly (BounceBack & { readonly company: string; readonly date: string })[];
}

export function weekLabel(week: WeekBounds): string {
  return `${shortDate(week.days[0] ?? '')} – ${shortDate(week.days[6] ?? '')}`;
}

function progress(done: number, goal: number | undefined): string {
  if (!goal) return String(done);
  return done >= goal ? `${done} of ${goal} ✓` : `${done} of ${goal}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function figuresText(f: Figures): string {
  return `${plural(f.applications, 'application')}, ${plural(f.networking, 'networking action')} and ${plural(f.followUpsDone, 'follow-up')} done`;
}

function anyFigure(f: Figures): boolean {
  return f.applications + f.networking + f.followUpsDone > 0;
}

/**
 * Where a week's figures came from, when check-ins reported any: logged and reported are shown
 * apart, so a figure that counts both can be checked. Null when there is nothing reported.
 */
export function sourcesLine(sources: { readonly logged: Figures; readonly reported: Figures }): string | null {
  if (!anyFigure(sources.reported)) return null;
  return `You logged ${figuresText(sources.logged)}; your check-ins reported ${figuresText(sources.reported)}. Each day counts the larger of the two, never both.`;
}

export function myStatsMessage(s: MyStats): Message {
  const blocks: Block[] = [
    { type: 'heading', text: `Your week (${weekLabel(s.week)})` },
    {
      type: 'fields',
      fields: [
        { label: 'Applications', value: progress(s.thisWeek.applications, s.goal?.applications) },
        { label: 'Networking', value: progress(s.thisWeek.networking, s.goal?.networking) },
        { label: 'Follow-ups done', value: String(s.thisWeek.followUpsDone) },
        { label: 'Check-in streak', value: s.streak > 0 ? plural(s.streak, 'day') : 'starts with your next check-in' },
      ],
    },
  ];
  const sources = sourcesLine(s.sources);
  if (sources) blocks.push({ type: 'text', text: sources });
  if (!s.goal) blocks.push({ type: 'text', text: 'Want a weekly target? /goal applications 5 | networking 2' });
  else if (s.goal.applications > 0 && s.thisWeek.applications >= s.goal.applications)
    blocks.push({ type: 'text', text: 'Application goal reached this week. Well done!' });
  blocks.push(
    { type: 'heading', text: 'So far' },
    {
      type: 'text',
      text: [
        `${plural(s.totals.applications, 'application')} · ${plural(s.totals.rejections, 'rejection')} · ${plural(s.totals.followUpsDone, 'follow-up')} done`,
        `${plural(s.totals.checkIns, 'check-in')} · feedback from ${plural(s.totals.feedback, 'application')} · ${plural(s.totals.reactionsReceived, 'reaction')} of encouragement received, ${s.totals.reactionsGiven} given`,
      ].join('\n'),
    },
    { type: 'heading', text: 'Your pipeline' },
    { type: 'text', text: [...pipelineLines(s.pipeline), rejectionsLine(s.rejectedAt)].join('\n') },
  );
  if (s.lessons.length) {
    blocks.push(
      { type: 'heading', text: 'Your lessons' },
      { type: 'text', text: s.lessons.map((l) => `• ${l.company}: ${l.text}`).join('\n') },
    );
  }
  if (s.bounceBacks.length) {
    blocks.push(
      {
        type: 'heading',
        text: 'Back on your feet',
      },
      {
        type: 'text',
        text: s.bounceBacks
          .map(
            (b) =>
              `• ${b.company} (${b.date}): ${b.days === null ? 'your next application is still ahead, whenever you are ready' : b.days === 0 ? 'next application the same day' : `next application ${plural(b.days, 'day')} later`}`,
          )
          .join('\n'),
      },
    );
  }
  return { blocks };
}

function namedLine(entries: readonly NamedEntry[]): string {
  const shown = entries.slice(0, 10).map((e) => `${e.member}: ${e.company}${e.role ? ` (${e.role})` : ''}`);
  const more = entries.length > shown.length ? `, and ${entries.length - shown.length} more` : '';
  return shown.length ? ` (${shown.join(', ')}${more})` : '';
}

/** `ann: Acme (SRE)` when shared, `ben: an offer` when counted only. */
function offersLine(offers: readonly OfferEntry[]): string {
  const each = offers.map(
    (o) => `${o.member}: ${o.company === null ? 'an offer' : `${o.company}${o.role ? ` (${o.role})` : ''}`}`,
  );
  return `🥳 Offers: ${offers.length} (${each.join(', ')}). Congratulations!`;
}

/** The figures shared by /stats group and the digest. */
export function groupWeekBlocks(w: GroupWeek): Block[] {
  const lines = [
    `📨 Applications: ${w.applications}${namedLine(w.namedApplications)}`,
    ...(anyFigure(w.reported)
      ? [
          `📝 Reported in check-ins, apart from the logged figures: ${plural(w.reported.applications, 'application')}, ${plural(w.reported.networking, 'networking action')}, ${plural(w.reported.followUpsDone, 'follow-up')} done`,
        ]
      : []),
    `🗣️ Interviews: ${w.interviews}${namedLine(w.namedInterviews)}`,
    ...(w.offers.length ? [offersLine(w.offers)] : []),
    `💛 Rejections: ${w.rejections}${w.rejectionsActedOn ? `, ${w.rejectionsActedOn} already turned into follow-ups done` : ''}`,
    `✅ Follow-ups done: ${w.followUpsDone}`,
    `💬 Feedback: ${w.feedbackAsked} asked, ${w.feedbackReceived} received`,
    `🙋 Check-ins: ${w.checkIns}`,
    `🎉 Encouragement: ${plural(w.reactions, 'reaction')}`,
  ];
  const blocks: Block[] = [{ type: 'text', text: lines.join('\n') }];
  if (w.encouragement.length) {
    blocks.push({
      type: 'text',
      text: w.encouragement.map((e) => `• ${e.member}: gave ${e.given}, received ${e.received}`).join('\n'),
    });
  }
  return blocks;
}

export function groupStatsMessage(groupName: string, w: GroupWeek, p: GroupPipeline): Message {
  return {
    blocks: [
      { type: 'heading', text: `${groupName}: this week so far (${weekLabel(w.week)})` },
      ...groupWeekBlocks(w),
      { type: 'heading', text: 'Group pipeline, all time' },
      {
        type: 'text',
        text: [...pipelineLines(p.pipeline), ...companyLines(p.companies, COMPANY_MIN_MEMBERS)].join('\n'),
      },
      { type: 'text', text: 'Entries kept private are not counted; entries shared as counts are not named.' },
    ],
  };
}

export function digestMessage(groupName: string, w: GroupWeek): Message {
  const quiet =
    w.applications + w.followUpsDone + w.checkIns + w.rejections + w.offers.length === 0 && !anyFigure(w.reported);
  return {
    blocks: [
      { type: 'heading', text: `${groupName}: your week together (${weekLabel(w.week)})` },
      ...groupWeekBlocks(w),
      {
        type: 'text',
        text: quiet
          ? 'A quiet week, and that is all right. A fresh one starts today: one small step is enough.'
          : 'Thank you for showing up for each other. Here is to the week ahead!',
      },
    ],
  };
}
