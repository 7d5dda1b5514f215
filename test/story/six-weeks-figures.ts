/**
 * What the members read at the end of the six weeks, Friday 13 November 2026 at 12:00 in Berlin
 * (06:00 in New York, 20:00 in Tokyo, 11:00 UTC): `/applications` and every figure of `/stats` and
 * `/stats group`, each worked out by hand from the rules in docs/insights.md.
 *
 * First answers, in calendar days (an answer is a move to screening or further, or a rejection;
 * ghosted is not one): alice's Acme 3 (5 → 8 Oct), her Globex 35 (5 Oct → interviewing on 9 Nov,
 * after being ghosted), bob's Acme 7 (5 → 12 Oct), his Globex 4 (5 → 9 Oct), dee's Globex 7
 * (7 → 14 Oct), her Hooli 6 (23 → 29 Oct); cam's Acme and bob's Initech never answered.
 */
import type { Step } from './story-steps.ts';

const END = '2026-11-13T11:00:00Z';
const closedHint = (n: number) =>
  `${n} more ${n === 1 ? 'is' : 'are'} closed (rejected, withdrawn, accepted or ghosted): /applications all shows everything.`;
/** Under the list, the applications that carry buttons (move on, reject, edit, delete), each by name. */
const manage = (...names: readonly string[]) => ['—', ...names];
const week = (
  counts: string,
  reactions: string,
  rejections: string,
  pipeline: readonly string[],
  extra: readonly string[] = [],
) => [
  'Your week (9 Nov – 15 Nov)',
  'Applications: 0',
  'Networking: 0',
  'Follow-ups done: 0',
  'Check-in streak: starts with your next check-in',
  'Want a weekly target? /goal applications 5 | networking 2',
  'So far',
  counts,
  `0 check-ins · feedback from 0 applications · ${reactions}`,
  'Your pipeline',
  ...pipeline,
  rejections,
  ...extra,
];

const groupWeekOf5Oct = (applications: string) => [
  '{group}: this week so far (5 Oct – 11 Oct)',
  applications,
  '🗣️ Interviews: 0',
  '💛 Rejections: 0',
  '✅ Follow-ups done: 0',
  '💬 Feedback: 0 asked, 0 received',
  '🙋 Check-ins: 0',
  '🎉 Encouragement: 0 reactions',
  'Group pipeline, all time',
];

/** Monday 5 October, after alice's and bob's applications: two members at Acme and at Globex, no company figures. */
export const GROUP_OF_TWO: Step = {
  at: '2026-10-05T07:00:00Z',
  who: 'bob',
  run: '/stats group',
  replyIs: [
    ...groupWeekOf5Oct(
      '📨 Applications: 4 (alice: Acme (Backend Engineer), alice: Globex (Platform Engineer), bob: Acme (Data Engineer), bob: Globex (SRE))',
    ),
    'applied 4 → screening 0 (0%) → interviewing 0 → offer 0 → accepted 0',
    'Median time to a first answer: not yet',
    'Still silent after 14 days: no application is 14 days old yet',
    'Per-company figures appear once three members have applied to the same company.',
    'Entries kept private are not counted; entries shared as counts are not named.',
  ],
};

/**
 * Wednesday 7 October, after dee's Globex (counts): Acme has three sharing members (cam applied on
 * Tuesday) and its line, with no answer yet; Globex has three members but two sharing: no line.
 */
export const GROUP_OF_THREE: Step = {
  at: '2026-10-07T07:00:00Z',
  who: 'dee',
  run: '/stats group',
  replyIs: [
    ...groupWeekOf5Oct(
      '📨 Applications: 6 (alice: Acme (Backend Engineer), alice: Globex (Platform Engineer), bob: Acme (Data Engineer), bob: Globex (SRE), cam: Acme (QA Engineer))',
    ),
    'applied 6 → screening 0 (0%) → interviewing 0 → offer 0 → accepted 0',
    'Median time to a first answer: not yet',
    'Still silent after 14 days: no application is 14 days old yet',
    'By company (shared applications, where three or more members applied):',
    '• Acme: first answer not yet · ghosted 0 of 3 (0%)',
    'Entries kept private are not counted; entries shared as counts are not named.',
  ],
};

export const FIGURES: readonly Step[] = [
  {
    at: END,
    who: 'alice',
    run: '/applications',
    replyIs: [
      'Your applications under way',
      'Interviewing (1)',
      '• Platform Engineer at Globex: logged 39 days ago, interviewing since 9 Nov',
      closedHint(1),
      ...manage('Platform Engineer at Globex'),
    ],
  },
  {
    at: END,
    who: 'alice',
    run: '/applications all',
    replyIs: [
      'All your applications',
      'Interviewing (1)',
      '• Platform Engineer at Globex: logged 39 days ago, interviewing since 9 Nov',
      'Accepted (1)',
      '• Backend Engineer at Acme: logged 39 days ago, accepted since 11 Nov',
      ...manage('Platform Engineer at Globex', 'Backend Engineer at Acme'),
    ],
  },
  {
    // In New York: Initech was logged on Wed 14 Oct, the rejections came on 9 Oct and 9 Nov.
    at: END,
    who: 'bob',
    run: '/applications all',
    replyIs: [
      'All your applications',
      'Applied (1)',
      '• Data Engineer at Initech: logged 30 days ago, applied since 14 Oct',
      'Rejected (2)',
      '• Data Engineer at Acme: logged 39 days ago, rejected since 9 Nov',
      '• SRE at Globex: logged 39 days ago, rejected since 9 Oct',
      ...manage('Data Engineer at Initech', 'Data Engineer at Acme', 'SRE at Globex'),
    ],
  },
  {
    at: END,
    who: 'cam',
    run: '/applications',
    replyIs: ['None of your applications is under way right now.', closedHint(1)],
  },
  {
    // In Tokyo: logged Tue 6 Oct at 16:00, ghosted Thu 5 Nov at 12:00, read Fri 13 Nov at 20:00.
    at: END,
    who: 'cam',
    run: '/applications ghosted',
    replyIs: [
      'Your applications at ghosted',
      'Ghosted (1)',
      '• QA Engineer at Acme: logged 38 days ago, ghosted since 5 Nov',
      ...manage('QA Engineer at Acme'),
    ],
  },
  {
    // Her own list shows what she kept private; the one moved most recently comes first.
    at: END,
    who: 'dee',
    run: '/applications',
    replyIs: [
      'Your applications under way',
      'Offer (2)',
      '• Designer at Hooli: logged 21 days ago, offer since 29 Oct',
      '• Designer at Globex: logged 37 days ago, offer since 22 Oct',
      ...manage('Designer at Hooli', 'Designer at Globex'),
    ],
  },
  {
    // Acme reached every step; Globex reached screening and interviewing (moved there on 9 Nov).
    // Median of 3 and 35 days; Globex was silent after 14 days. The ghosting press was a step done.
    at: END,
    who: 'alice',
    run: '/stats',
    // dee's, bob's and cam's cheers on her posts count all time.
    replyIs: week(
      '2 applications · 0 rejections · 1 follow-up done',
      '3 reactions of encouragement received, 0 given',
      'No rejections logged.',
      [
        'applied 2 → screening 2 (100%) → interviewing 2 (100%) → offer 1 (50%) → accepted 1 (100%)',
        'Median time to a first answer: 19 days (over 2 answered applications)',
        'Still silent after 14 days: 1 of 2 applications (50%)',
      ],
    ),
  },
  {
    // Acme reached interviewing (the round, then a final-round rejection), Globex screening (its
    // rejection's stage), Initech nothing: silent. Median of 7 and 4 days. Initech came 5 days
    // after the Globex rejection; nothing yet after the Acme one.
    at: END,
    who: 'bob',
    run: '/stats',
    replyIs: week(
      '3 applications · 2 rejections · 0 follow-ups done',
      '0 reactions of encouragement received, 1 given',
      'Rejections by stage: screen 1 · final 1',
      [
        'applied 3 → screening 2 (67%) → interviewing 1 (50%) → offer 0 (0%) → accepted 0',
        'Median time to a first answer: 5.5 days (over 2 answered applications)',
        'Still silent after 14 days: 1 of 3 applications (33%)',
      ],
      [
        'Back on your feet',
        '• Globex (9 Oct): next application 5 days later',
        '• Acme (9 Nov): your next application is still ahead, whenever you are ready',
      ],
    ),
  },
  {
    // Her own figures count her private Hooli: two offers, answered after 7 and 6 days.
    at: END,
    who: 'dee',
    run: '/stats',
    replyIs: week(
      '2 applications · 0 rejections · 0 follow-ups done',
      '0 reactions of encouragement received, 1 given',
      'No rejections logged.',
      [
        'applied 2 → screening 2 (100%) → interviewing 2 (100%) → offer 2 (100%) → accepted 0 (0%)',
        'Median time to a first answer: 6.5 days (over 2 answered applications)',
        'Still silent after 14 days: 0 of 2 applications (0%)',
      ],
    ),
  },
  {
    // This week (Berlin): no application logged; interviews are bob's final-round rejection and the
    // applications moved to interviewing or beyond (alice's acceptance, her Globex's revival).
    // All time: seven shared or counts applications (dee's Hooli is private): answered after 3, 4,
    // 7, 7 and 35 days; silent: alice's Globex, cam's Acme, bob's Initech. Acme has three sharing
    // members (alice 3 days, bob 7, cam ghosted); Globex only two (dee's is counts): not shown.
    at: END,
    who: 'cam',
    run: '/stats group',
    replyIs: [
      '{group}: this week so far (9 Nov – 15 Nov)',
      '📨 Applications: 0',
      // Rejections at an interview stage first, then the moves in the order the applications were
      // logged, on every store.
      '🗣️ Interviews: 3 (bob: Acme (Data Engineer), alice: Acme (Backend Engineer), alice: Globex (Platform Engineer))',
      '💛 Rejections: 1',
      '✅ Follow-ups done: 0',
      '💬 Feedback: 0 asked, 0 received',
      '🙋 Check-ins: 0',
      // This week's cheers only: dee's came the week before.
      '🎉 Encouragement: 2 reactions',
      '• alice: gave 0, received 2',
      '• bob: gave 1, received 0',
      '• cam: gave 1, received 0',
      'Group pipeline, all time',
      'applied 7 → screening 5 (71%) → interviewing 4 (80%) → offer 2 (50%) → accepted 1 (50%)',
      'Median time to a first answer: 7 days (over 5 answered applications)',
      'Still silent after 14 days: 3 of 7 applications (43%)',
      'By company (shared applications, where three or more members applied):',
      '• Acme: first answer after 5 days (median) · ghosted 1 of 3 (33%)',
      'Entries kept private are not counted; entries shared as counts are not named.',
    ],
  },
];
