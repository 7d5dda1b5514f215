/**
 * Six weeks of one group, as one story that every test path plays (the core, Slack, Discord):
 * Monday 5 October to Friday 13 November 2026, the group in Europe/Berlin (summer time ends on
 * 25 October), bob in America/New_York (1 November), cam in Asia/Tokyo, dee in UTC.
 *
 * alice's Acme is answered in 3 days, goes through a video round and an onsite round to an offer
 * and is accepted; her Globex is offered as ghosted at day 30, marked so, and revived by news.
 * bob's Globex is rejected at screening; his Acme is rejected after a final round. cam's Acme is
 * ghosted. dee shares as counts (Globex, to an offer), then keeps Hooli private (to an offer).
 *
 * Every expectation is worked out from the rules (README, docs/insights.md), never copied from
 * output. Times are UTC instants; the comments give each member's wall clock.
 */
import { GROUP_OF_THREE, GROUP_OF_TWO } from './six-weeks-figures.ts';
import type { Step } from './story-steps.ts';

export { SETUP, ZONES } from './six-weeks-cast.ts';
export { STORY_START } from './story-steps.ts';
export type { Step, Who } from './story-steps.ts';

const MON = '2026-10-05T07:00:00Z'; // Mon 5 Oct, 09:00 Berlin, 03:00 New York, 16:00 Tokyo

const plan = (...lines: string[]) => [
  '',
  "Here's the plan around it (I'll nudge you when each step is due):",
  ...lines,
];

export const STORY: readonly Step[] = [
  {
    at: MON,
    who: 'alice',
    run: '/applied Acme | Backend Engineer',
    reply: ['Logged: Backend Engineer at Acme. Nice work sending it out.'],
    posts: ['📨 alice applied for Backend Engineer at Acme.'],
    // 14 days: Mon 19 Oct 10:00 CEST; 30 days: Wed 4 Nov 10:00 CET, after the change.
    steps: [
      ['silence-follow-up', '2026-10-19T08:00:00.000Z'],
      ['silence-ghosted', '2026-11-04T09:00:00.000Z'],
    ],
  },
  {
    at: MON,
    who: 'alice',
    run: '/applied Globex | Platform Engineer',
    posts: ['📨 alice applied for Platform Engineer at Globex.'],
  },
  {
    at: MON,
    who: 'bob',
    run: '/applied Acme | Data Engineer',
    posts: ['📨 bob applied for Data Engineer at Acme.'],
    // Mon 19 Oct 10:00 EDT; Wed 4 Nov 10:00 EST.
    steps: [
      ['silence-follow-up', '2026-10-19T14:00:00.000Z'],
      ['silence-ghosted', '2026-11-04T15:00:00.000Z'],
    ],
  },
  { at: MON, who: 'bob', run: '/applied Globex | SRE', posts: ['📨 bob applied for SRE at Globex.'] },
  GROUP_OF_TWO,
  {
    at: '2026-10-06T07:00:00Z', // Tue 6 Oct, 16:00 in Tokyo
    who: 'cam',
    run: '/applied Acme | QA Engineer',
    posts: ['📨 cam applied for QA Engineer at Acme.'],
    // Tue 20 Oct and Thu 5 Nov, 10:00 JST (no summer time in Tokyo).
    steps: [
      ['silence-follow-up', '2026-10-20T01:00:00.000Z'],
      ['silence-ghosted', '2026-11-05T01:00:00.000Z'],
    ],
  },
  { at: '2026-10-07T07:00:00Z', who: 'dee', run: '/applied Globex | Designer', posts: ['📨 dee sent an application.'] },
  GROUP_OF_THREE,
  {
    at: '2026-10-08T07:00:00Z', // Thu 8 Oct: Acme answers after 3 days
    who: 'alice',
    run: '/stage Acme | screening',
    replyIs: ['Moved Backend Engineer at Acme to screening.'],
  },
  {
    at: '2026-10-09T07:00:00Z', // Fri 9 Oct, 09:00 Berlin
    who: 'alice',
    run: '/interview Acme | 2026-10-16 15:00 | video',
    reply: [
      'Logged your video interview for Backend Engineer at Acme: Fri 16 Oct, 15:00. Good luck!',
      'Acme is at interviewing now.',
      ...plan(
        '• Thu 15 Oct, 18:00: Prepare for your video interview at Acme',
        '• Mon 19 Oct, 10:00: Send a thank-you note at Acme',
        // 7 business days after Fri 16 Oct is Tue 27 Oct, 10:00 CET: after the change.
        '• Tue 27 Oct, 10:00: Ask at Acme about next steps',
      ),
    ],
    // The round is news at its own time: silence counts from Fri 16 Oct.
    steps: [
      ['interview-prep', '2026-10-15T16:00:00.000Z'],
      ['thank-you', '2026-10-19T08:00:00.000Z'],
      ['interview-chase', '2026-10-27T09:00:00.000Z'],
      ['silence-follow-up', '2026-10-30T09:00:00.000Z'],
      ['silence-ghosted', '2026-11-15T09:00:00.000Z'],
    ],
  },
  {
    at: '2026-10-09T07:00:00Z', // Fri 9 Oct, 03:00 in New York
    who: 'bob',
    run: '/rejected Globex | SRE | screen',
    posts: ['💛 bob heard back from Globex: not this time. A kind word goes a long way.'],
    steps: [],
  },
  {
    at: '2026-10-12T13:00:00Z', // Mon 12 Oct, 09:00 EDT: Acme answers bob after 7 days
    who: 'bob',
    run: '/interview Acme | 2026-10-30 16:00 | final',
    reply: [
      'Logged your final interview for Data Engineer at Acme: Fri 30 Oct, 16:00 EDT. Good luck!',
      'Acme is at interviewing now.',
      ...plan(
        '• Thu 29 Oct, 18:00 EDT: Prepare for your final interview at Acme',
        // New York's clocks go back on Sun 1 Nov: 10:00 is now EST.
        '• Mon 2 Nov, 10:00 EST: Send a thank-you note at Acme',
        '• Tue 10 Nov, 10:00 EST: Ask at Acme about next steps',
      ),
    ],
    steps: [
      ['interview-prep', '2026-10-29T22:00:00.000Z'],
      ['thank-you', '2026-11-02T15:00:00.000Z'],
      ['interview-chase', '2026-11-10T15:00:00.000Z'],
      ['silence-follow-up', '2026-11-13T15:00:00.000Z'],
      ['silence-ghosted', '2026-11-29T15:00:00.000Z'],
    ],
  },
  { at: '2026-10-14T07:00:00Z', who: 'dee', run: '/stage Globex | interviewing' },
  {
    at: '2026-10-14T13:00:00Z', // Wed 14 Oct, 09:00 EDT: 5 days after bob's rejection at Globex
    who: 'bob',
    run: '/applied Initech | Data Engineer',
    posts: ['📨 bob applied for Data Engineer at Initech.'],
    steps: [
      ['silence-follow-up', '2026-10-28T14:00:00.000Z'],
      ['silence-ghosted', '2026-11-13T15:00:00.000Z'],
    ],
  },
  { at: '2026-10-15T16:00:00Z', dms: [{ who: 'alice', has: ['Prepare for your video interview at Acme'] }] },
  {
    // Mon 19 Oct, 10:00 CEST: the thank-you and Globex's two weeks of silence, in one nudge.
    at: '2026-10-19T08:00:00Z',
    dms: [
      {
        who: 'alice',
        has: [
          '2 steps from your plan are due:',
          'Send a thank-you note at Acme',
          'the Backend Engineer role at Acme in the video interview',
          'Follow up with Globex',
          'I applied for the Platform Engineer role at Globex',
        ],
      },
    ],
  },
  { at: '2026-10-20T01:00:00Z', dms: [{ who: 'cam', has: ['Follow up with Acme', 'Two weeks without news at Acme'] }] },
  {
    at: '2026-10-20T10:00:00Z', // Tue 20 Oct, 12:00 CEST
    who: 'alice',
    run: '/interview Acme | 2026-10-28 11:00 | onsite',
    reply: [
      'Logged your onsite interview (round 2) for Backend Engineer at Acme: Wed 28 Oct, 11:00. Good luck!',
      ...plan(
        '• Tue 27 Oct, 18:00: Prepare for your onsite interview (round 2) at Acme',
        '• Thu 29 Oct, 10:00: Send a thank-you note at Acme',
        // Thu 29, Fri 30, Mon 2, Tue 3, Wed 4, Thu 5, Fri 6 Nov.
        '• Fri 6 Nov, 10:00: Ask at Acme about next steps',
      ),
    ],
    // The first round's chase gives way to the new round; its sent steps stay open until done.
    steps: [
      ['interview-prep', '2026-10-15T16:00:00.000Z'],
      ['thank-you', '2026-10-19T08:00:00.000Z'],
      ['interview-prep', '2026-10-27T17:00:00.000Z'],
      ['thank-you', '2026-10-29T09:00:00.000Z'],
      ['interview-chase', '2026-11-06T09:00:00.000Z'],
      ['silence-follow-up', '2026-11-11T09:00:00.000Z'],
      ['silence-ghosted', '2026-11-27T09:00:00.000Z'],
    ],
    cancelled: ['interview-chase'],
  },
  {
    at: '2026-10-22T07:00:00Z',
    who: 'dee',
    run: '/stage Globex | offer',
    replyIs: [
      'Moved Designer at Globex to offer.',
      'Congratulations! Take a moment to enjoy it.',
      'I told the group, so they can cheer with you.',
    ],
    posts: ['🎉 dee has an offer! All that effort is paying off.'],
    steps: [],
  },
  { at: '2026-10-23T07:00:00Z', who: 'dee', run: '/rebound visibility private' },
  {
    at: '2026-10-23T07:00:00Z',
    who: 'dee',
    run: '/applied Hooli | Designer',
    reply: ['Logged: Designer at Hooli. Nice work sending it out.', '(Kept private: nothing was posted to the group.)'],
  },
  // Tue 27 Oct, 09:00 UTC (the first round's chase) passes without a word.
  { at: '2026-10-27T17:00:00Z', dms: [{ who: 'alice', has: ['Prepare for your onsite interview (round 2) at Acme'] }] },
  { at: '2026-10-28T14:00:00Z', dms: [{ who: 'bob', has: ['Follow up with Initech'] }] },
  {
    at: '2026-10-29T07:00:00Z',
    who: 'dee',
    run: '/stage Hooli | offer',
    replyIs: [
      'Moved Designer at Hooli to offer.',
      'Congratulations! Take a moment to enjoy it.',
      '(Kept private: nothing was posted to the group.)',
    ],
  },
  {
    at: '2026-10-29T09:00:00Z',
    dms: [{ who: 'alice', has: ['Send a thank-you note at Acme', 'onsite interview (round 2)'] }],
  },
  { at: '2026-10-29T22:00:00Z', dms: [{ who: 'bob', has: ['Prepare for your final interview at Acme'] }] },
  {
    at: '2026-11-02T11:00:00Z', // Mon 2 Nov, 12:00 CET
    who: 'alice',
    run: '/stage Acme | offer',
    // Both rounds' preparation and thank-you (sent, not marked done) and the second chase.
    replyIs: [
      'Moved Backend Engineer at Acme to offer.',
      'Congratulations! Take a moment to enjoy it.',
      'Its 5 open follow-up steps are closed.',
      'I told the group, so they can cheer with you.',
    ],
    posts: ['🎉 alice has an offer from Acme! All that effort is paying off.'],
    steps: [],
    cancelled: ['interview-chase', 'interview-chase'],
  },
  // dee cheers the offer in its own week; bob and cam cheer the acceptance in the last one.
  { at: '2026-11-02T12:00:00Z', who: 'dee', react: 'alice has an offer from Acme' },
  { at: '2026-11-02T15:00:00Z', dms: [{ who: 'bob', has: ['Send a thank-you note at Acme', 'final interview'] }] },
  {
    at: '2026-11-04T09:00:00Z',
    dms: [{ who: 'alice', has: ['No answer at Globex for a month'], button: 'Mark ghosted' }],
  },
  {
    at: '2026-11-04T11:00:00Z',
    who: 'alice',
    press: { dm: 'A month without news at Globex', label: 'Mark ghosted', action: 'fu:ghost:' },
    reply: ['✓ Done: No answer at Globex for a month'],
    status: { company: 'Globex', is: 'ghosted' },
    steps: [],
  },
  { at: '2026-11-05T01:00:00Z', dms: [{ who: 'cam', has: ['No answer at Acme for a month'], button: 'Mark ghosted' }] },
  {
    at: '2026-11-05T03:00:00Z',
    who: 'cam',
    press: { dm: 'A month without news at Acme', label: 'Mark ghosted' },
    reply: ['✓ Done: No answer at Acme for a month'],
    status: { company: 'Acme', is: 'ghosted' },
  },
  // Fri 6 Nov, 10:00 CET (alice's second chase) passes: the offer closed it.
  {
    at: '2026-11-09T10:00:00Z',
    who: 'alice',
    run: '/stage Globex | interviewing',
    replyIs: ['Moved Platform Engineer at Globex to interviewing. It was ghosted: good to see it moving again.'],
    status: { company: 'Globex', is: 'interviewing' },
    steps: [
      ['silence-follow-up', '2026-11-23T09:00:00.000Z'],
      ['silence-ghosted', '2026-12-09T09:00:00.000Z'],
    ],
  },
  {
    at: '2026-11-09T14:00:00Z', // Mon 9 Nov, 09:00 EST
    who: 'bob',
    run: '/rejected Acme | Data Engineer | final | they went with someone more senior',
    reply: [
      "I'm sorry about Acme. Reaching the final round means they saw real strength in you: you were very close.",
      '',
      'All follow-up steps are switched off for this group.',
    ],
    posts: ['💛 bob heard back from Acme: not this time. A kind word goes a long way.'],
    steps: [],
    cancelled: ['interview-chase'],
  },
  // Tue 10 Nov, 10:00 EST (bob's chase) passes: the rejection closed it.
  {
    at: '2026-11-11T11:00:00Z',
    who: 'alice',
    run: '/stage Acme | accepted',
    replyIs: [
      'Moved Backend Engineer at Acme to accepted.',
      'Congratulations on the new role!',
      'I told the group, so they can cheer with you.',
    ],
    posts: ['🥂 alice accepted an offer at Acme. A new chapter: congratulations!'],
  },
  { at: '2026-11-11T12:00:00Z', who: 'bob', react: 'alice accepted an offer at Acme' },
  { at: '2026-11-11T12:30:00Z', who: 'cam', react: 'alice accepted an offer at Acme' },
];
