/**
 * The pipeline's rules, in the same table as the rejection rules (see rules.ts): an interview
 * round's preparation, thank-you and "no answer yet?" steps, timed from the interview's own time,
 * and an application's silence steps (a follow-up after 14 days, the offer to mark it ghosted after
 * 30), timed from its last news. All in the member's zone; a group switches them off or moves them
 * with `/rebound config` like any rule.
 */
import type { FollowUpRule } from './rules.ts';
import { at, roleAt, roundName, type StepContext } from './rule-text.ts';
import { REJECTION_STAGES } from './types.ts';

export type PipelineRuleId =
  'interview-prep' | 'thank-you' | 'interview-chase' | 'silence-follow-up' | 'silence-ghosted';

/** The rules an interview round schedules. */
export const INTERVIEW_RULE_IDS: readonly PipelineRuleId[] = ['interview-prep', 'thank-you', 'interview-chase'];

/** The rules an application's silence schedules: one step of each, timed from its last news. */
export const SILENCE_RULE_IDS: readonly PipelineRuleId[] = ['silence-follow-up', 'silence-ghosted'];

const TEN = 10 * 60;
const EVENING = 18 * 60;

/** A short thank-you after an interview, naming the company, the role and the round. */
export function thankYouDraft(ctx: StepContext): string {
  return (
    `"Hello, thank you for taking the time to talk with me about ${roleAt(ctx)} in the ${roundName(ctx)}. ` +
    `I enjoyed hearing about [something you discussed], and it made me even keener to join. ` +
    `Please let me know if there is anything else I can send you."`
  );
}

/** A gentle follow-up to the recruiter after two weeks of silence. */
export function silenceDraft(ctx: StepContext): string {
  return (
    `"Hello, I hope you are well. I applied for ${roleAt(ctx)} a little while ago and wanted to check in: ` +
    `I am still very interested, and happy to share anything else that would help. Thank you for your time!"`
  );
}

/** A brief note asking about next steps, a week and a half after an interview with no news. */
export function chaseDraft(ctx: StepContext): string {
  return (
    `"Hello, I hope you are well. I wanted to follow up on my ${roundName(ctx)} for ${roleAt(ctx)}. ` +
    `I am still very interested, and would be glad to hear about the next steps or the timeline. Thank you!"`
  );
}

export const PIPELINE_RULES: readonly FollowUpRule[] = [
  {
    id: 'interview-prep',
    trigger: { kind: 'interview' },
    stages: REJECTION_STAGES,
    timing: { kind: 'days-before', days: 1, minute: EVENING },
    title: (c) => `Prepare for your ${roundName(c)}${at(c)}`,
    ask: (c) =>
      `Your ${roundName(c)}${at(c)} is coming up. Research the company: what it makes, who it serves, its recent news. ` +
      'Prepare two short stories from your work (the situation, what you did, the result), and write down three questions to ask them.',
    endsOn: [],
    skipStopsSeries: false,
  },
  {
    id: 'thank-you',
    trigger: { kind: 'interview' },
    stages: REJECTION_STAGES,
    timing: { kind: 'business-days', days: 1, minute: TEN },
    title: (c) => `Send a thank-you note${at(c)}`,
    ask: (c) =>
      `Send a short thank-you to the people you met${at(c)}, while the conversation is fresh. A draft you can adapt:\n${thankYouDraft(c)}`,
    endsOn: [],
    skipStopsSeries: false,
  },
  {
    id: 'interview-chase',
    trigger: { kind: 'interview' },
    stages: REJECTION_STAGES,
    timing: { kind: 'business-days', days: 7, minute: TEN },
    condition: 'no-news-since-interview',
    title: (c) => `Ask${at(c)} about next steps`,
    ask: (c) =>
      `No news logged since your ${roundName(c)}${at(c)}. A brief, friendly note to the recruiter asking about next steps is fine. A draft:\n${chaseDraft(c)}\n` +
      'If you did hear back, log it with /stage or /rejected.',
    endsOn: [],
    skipStopsSeries: false,
  },
  {
    id: 'silence-follow-up',
    trigger: { kind: 'silence' },
    stages: REJECTION_STAGES,
    timing: { kind: 'days', days: 14, minute: TEN },
    condition: 'silent-since-last-news',
    title: (c) => `Follow up with ${c.company ?? 'the company'}`,
    ask: (c) =>
      `Two weeks without news${at(c)}. A short, friendly follow-up to the recruiter often gets an answer. A draft:\n${silenceDraft(c)}\n` +
      'If you did hear back, log it with /stage, /interview or /rejected.',
    endsOn: [],
    skipStopsSeries: false,
  },
  {
    id: 'silence-ghosted',
    trigger: { kind: 'silence' },
    stages: REJECTION_STAGES,
    timing: { kind: 'days', days: 30, minute: TEN },
    condition: 'silent-since-last-news',
    offers: 'mark-ghosted',
    title: (c) => `No answer${at(c)} for a month`,
    ask: (c) =>
      `A month without news${at(c)}. It happens, and it says nothing about you. Mark it ghosted to clear it from your list ` +
      '(any later news brings it back), or keep waiting if you expect an answer.',
    endsOn: [],
    skipStopsSeries: false,
  },
];
