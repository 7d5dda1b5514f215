/**
 * The pipeline's rules, in the same table as the rejection rules (see rules.ts): an interview
 * round's preparation, thank-you and "no answer yet?" steps. Timed from the interview's own time
 * in the member's zone; a group switches them off or moves them with `/rebound config` like any rule.
 */
import type { FollowUpRule } from './rules.ts';
import { at, roleAt, roundName, type StepContext } from './rule-text.ts';
import { REJECTION_STAGES } from './types.ts';

export type PipelineRuleId = 'interview-prep' | 'thank-you' | 'interview-chase';

/** The rules an interview round schedules. */
export const INTERVIEW_RULE_IDS: readonly PipelineRuleId[] = ['interview-prep', 'thank-you', 'interview-chase'];

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
];
