/**
 * The cast of the six weeks (six-weeks.ts): alice sets the group up in Berlin and is its admin;
 * bob, cam and dee join. Each names their zone, and the rules whose steps the story does not pin
 * are switched off before anything comes due; the pipeline's rules stay on.
 */
import type { Step } from './story-steps.ts';

export const ZONES = {
  alice: 'Europe/Berlin',
  bob: 'America/New_York',
  cam: 'Asia/Tokyo',
  dee: 'UTC',
} as const;

const QUIET_RULES = [
  'network',
  'check-in',
  'request-feedback',
  'log-feedback',
  'connect',
  'recruiter-pointers',
  'connect-company',
  'engage',
  'stay-in-touch',
  'keep-applying',
];

/** Mon 5 Oct, 08:55 in Berlin: the rules are off before the week's first networking step comes due at 09:00. */
const SETUP_AT = '2026-10-05T06:55:00Z';

export const SETUP: readonly Step[] = [
  { at: SETUP_AT, who: 'alice', run: '/rebound setup 09:00 Europe/Berlin mon-fri', anyPosts: true },
  ...QUIET_RULES.map((rule): Step => ({ at: SETUP_AT, who: 'alice', run: `/rebound config ${rule} off` })),
  ...(['bob', 'cam', 'dee'] as const).map((who): Step => ({ at: SETUP_AT, who, run: '/rebound join' })),
  ...(['alice', 'bob', 'cam', 'dee'] as const).flatMap((who): Step[] => [
    { at: SETUP_AT, who, run: `/rebound timezone ${ZONES[who]}` },
    { at: SETUP_AT, who, run: '/rebound reminders off' },
  ]),
  { at: SETUP_AT, who: 'dee', run: '/rebound visibility counts' },
];
