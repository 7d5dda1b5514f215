import { describe, expect, it } from 'vitest';
import {
  daysToAnswer,
  firstAnswerAt,
  historiesOf,
  median,
  pipeline,
  silentAfterFourteenDays,
  type ApplicationHistory,
} from '../../../src/core/insights/funnel.ts';
import { groupPipeline } from '../../../src/core/insights/group-pipeline.ts';
import { answerLine, companyLines, funnelLine, silenceLine } from '../../../src/core/insights/render-pipeline.ts';
import type { ApplicationFact } from '../../../src/core/ports/index.ts';
import type {
  ApplicationEvent,
  ApplicationStatus,
  Rejection,
  RejectionStage,
  Visibility,
} from '../../../src/core/types.ts';

const T = new Date('2026-11-02T10:00:00Z');
const day = (n: number) => new Date(T.getTime() + n * 86_400_000);
const NOW = day(30);

let nextEvent = 1;
interface AppSpec {
  readonly id: number;
  readonly memberId?: number;
  readonly company?: string;
  readonly visibility?: Visibility;
  readonly viaRejection?: boolean;
  readonly at?: number;
  /** The moves after the logging, as [status, day]. */
  readonly moves?: readonly (readonly [ApplicationStatus, number])[];
  readonly rejections?: readonly (readonly [RejectionStage, number])[];
}

function world(specs: readonly AppSpec[]) {
  const applications: ApplicationFact[] = [];
  const events: ApplicationEvent[] = [];
  const rejections: Rejection[] = [];
  for (const s of specs) {
    const created = day(s.at ?? 0);
    const first: ApplicationStatus = s.viaRejection ? 'rejected' : 'applied';
    const moves = [[first, s.at ?? 0] as const, ...(s.moves ?? [])];
    for (const [status, d] of moves)
      events.push({ id: nextEvent++, applicationId: s.id, status, at: day(d), createdAt: day(d) });
    for (const [stage, d] of s.rejections ?? [])
      rejections.push({
        id: rejections.length + 1,
        applicationId: s.id,
        memberId: s.memberId ?? 1,
        stage,
        note: null,
        rejectedOn: day(d),
        createdAt: day(d),
      });
    applications.push({
      id: s.id,
      memberId: s.memberId ?? 1,
      company: s.company ?? `C${s.id}`,
      role: 'SRE',
      link: null,
      status: moves.at(-1)?.[0] ?? first,
      visibility: s.visibility ?? 'shared',
      createdAt: created,
      updatedAt: day(moves.at(-1)?.[1] ?? 0),
      viaRejection: s.viaRejection ?? false,
    });
  }
  return { applications, events, rejections };
}

const history = (spec: AppSpec): ApplicationHistory => {
  const w = world([spec]);
  return historiesOf(w.applications, w.events, w.rejections)[0]!;
};

/**
 * Nine applications, "now" 30 days after the first were logged:
 * 1 never answered · 2 screening d3, interviewing d10 · 3 screening d5 … offer d20, accepted d22 ·
 * 4 rejected d7 after an interview (a report, no interviewing event) · 5 ghosted d30 · 6 withdrawn d2 ·
 * 7 created by a rejection report at the screen stage · 8 logged d20, screening d29 (10 days old) ·
 * 9 screening d16 (answered, but after 14 days).
 */
const KNOWN: readonly AppSpec[] = [
  { id: 1 },
  {
    id: 2,
    moves: [
      ['screening', 3],
      ['interviewing', 10],
    ],
  },
  {
    id: 3,
    moves: [
      ['screening', 5],
      ['interviewing', 8],
      ['offer', 20],
      ['accepted', 22],
    ],
  },
  { id: 4, moves: [['rejected', 7]], rejections: [['interview', 7]] },
  { id: 5, moves: [['ghosted', 30]] },
  { id: 6, moves: [['withdrawn', 2]] },
  { id: 7, viaRejection: true, at: 1, rejections: [['screen', 1]] },
  { id: 8, at: 20, moves: [['screening', 29]] },
  { id: 9, moves: [['screening', 16]] },
];

describe('the funnel from stage events', () => {
  it('counts how many applications reached each step, with the conversion between steps, on a known data set', () => {
    const w = world(KNOWN);
    const p = pipeline(historiesOf(w.applications, w.events, w.rejections), NOW, 'UTC');
    expect(p).toEqual({
      reached: { applied: 9, screening: 6, interviewing: 3, offer: 1, accepted: 1 },
      conversion: { applied: null, screening: 67, interviewing: 50, offer: 33, accepted: 100 },
      medianDaysToAnswer: 7,
      answered: 5,
      silent: 4,
      silentOf: 7,
    });
    expect(funnelLine(p)).toBe(
      'applied 9 → screening 6 (67%) → interviewing 3 (50%) → offer 1 (33%) → accepted 1 (100%)',
    );
    expect(answerLine(p)).toBe('Median time to a first answer: 7 days (over 5 answered applications)');
    expect(silenceLine(p)).toBe('Still silent after 14 days: 4 of 7 applications (57%)');
  });

  it('counts a rejection report’s stage as reached: screen → screening, interview and final → interviewing, offer → offer', () => {
    const w = world([
      { id: 1, moves: [['rejected', 1]], rejections: [['applied', 1]] },
      { id: 2, moves: [['rejected', 1]], rejections: [['screen', 1]] },
      { id: 3, moves: [['rejected', 1]], rejections: [['interview', 1]] },
      { id: 4, moves: [['rejected', 1]], rejections: [['final', 1]] },
      { id: 5, moves: [['rejected', 1]], rejections: [['offer', 1]] },
    ]);
    expect(pipeline(historiesOf(w.applications, w.events, w.rejections), NOW, 'UTC').reached).toEqual({
      applied: 5,
      screening: 4,
      interviewing: 3,
      offer: 1,
      accepted: 0,
    });
  });

  it('shows no conversion after a step that nothing reached', () => {
    const w = world([{ id: 1 }, { id: 2 }]);
    const p = pipeline(historiesOf(w.applications, w.events, w.rejections), NOW, 'UTC');
    expect(funnelLine(p)).toBe('applied 2 → screening 0 (0%) → interviewing 0 → offer 0 → accepted 0');
    expect(funnelLine(pipeline([], NOW, 'UTC'))).toBe(
      'applied 0 → screening 0 → interviewing 0 → offer 0 → accepted 0',
    );
  });

  it('keeps an application that moved back its furthest step (interviewing, then ghosted, still reached interviewing)', () => {
    const w = world([
      {
        id: 1,
        moves: [
          ['interviewing', 3],
          ['ghosted', 40],
        ],
      },
    ]);
    expect(pipeline(historiesOf(w.applications, w.events, w.rejections), NOW, 'UTC').reached.interviewing).toBe(1);
  });
});

describe('the first answer', () => {
  it('is the first answering event after the logging; ghosted and withdrawn are not answers', () => {
    expect(
      firstAnswerAt(
        history({
          id: 1,
          moves: [
            ['ghosted', 2],
            ['withdrawn', 3],
            ['screening', 9],
          ],
        }),
      ),
    ).toEqual(day(9));
    expect(
      firstAnswerAt(
        history({
          id: 1,
          moves: [
            ['ghosted', 2],
            ['withdrawn', 3],
          ],
        }),
      ),
    ).toBeNull();
  });

  it('is a rejection report when that came first', () => {
    expect(firstAnswerAt(history({ id: 1, rejections: [['applied', 4]], moves: [['screening', 6]] }))).toEqual(day(4));
  });

  it('is unknown for an application a rejection report created: when it was sent was never logged', () => {
    const h = history({ id: 1, viaRejection: true, rejections: [['screen', 0]] });
    expect(firstAnswerAt(h)).toBeNull();
    expect(silentAfterFourteenDays(h, NOW)).toBeNull();
  });

  it('is counted in calendar days of the zone: 23:30 to 00:30 the next night is one day', () => {
    const w = world([{ id: 1 }]);
    const app = { ...w.applications[0]!, createdAt: new Date('2026-11-02T22:30:00Z') };
    const h: ApplicationHistory = {
      application: app,
      events: [
        { id: 1, applicationId: 1, status: 'applied', at: app.createdAt, createdAt: app.createdAt },
        { id: 2, applicationId: 1, status: 'screening', at: new Date('2026-11-02T23:30:00Z'), createdAt: NOW },
      ],
      rejections: [],
    };
    expect(daysToAnswer(h, 'Europe/Berlin')).toBe(1);
    expect(daysToAnswer(h, 'UTC')).toBe(0);
  });

  it('has a median that averages the middle two of an even count, and none of nothing', () => {
    expect(median([1, 9, 2, 4])).toBe(3);
    expect(median([3, 2, 1])).toBe(2);
    expect(median([])).toBeNull();
    expect(answerLine(pipeline([history({ id: 1 })], NOW, 'UTC'))).toBe('Median time to a first answer: not yet');
    expect(answerLine(pipeline([history({ id: 1, moves: [['screening', 0]] })], NOW, 'UTC'))).toBe(
      'Median time to a first answer: the same day (over 1 answered application)',
    );
  });
});

describe('silence after 14 days', () => {
  const logged = { id: 1, at: 0 };
  it('counts only applications logged at least 14 days ago', () => {
    expect(silentAfterFourteenDays(history(logged), new Date(day(14).getTime() - 1))).toBeNull();
    expect(silentAfterFourteenDays(history(logged), day(14))).toBe(true);
  });

  it('is silent when the answer came at 14 days or later, not when it came before', () => {
    const answeredAt = (ms: number): ApplicationHistory => {
      const h = history(logged);
      const at = new Date(day(0).getTime() + ms);
      return { ...h, events: [...h.events, { id: 99, applicationId: 1, status: 'rejected', at, createdAt: at }] };
    };
    expect(silentAfterFourteenDays(answeredAt(14 * 86_400_000 - 1), NOW)).toBe(false);
    expect(silentAfterFourteenDays(answeredAt(14 * 86_400_000), NOW)).toBe(true);
  });

  it('says so when no application is 14 days old yet', () => {
    expect(silenceLine(pipeline([history({ id: 1, at: 29 })], NOW, 'UTC'))).toBe(
      'Still silent after 14 days: no application is 14 days old yet',
    );
  });
});

describe('the group funnel', () => {
  it('leaves private applications out, and counts `counts` ones without their company', () => {
    const w = world([
      { id: 1, memberId: 1, visibility: 'shared', moves: [['screening', 2]] },
      { id: 2, memberId: 2, visibility: 'counts', moves: [['interviewing', 3]] },
      { id: 3, memberId: 3, visibility: 'private', moves: [['offer', 4]] },
    ]);
    const g = groupPipeline(w, NOW, 'UTC');
    expect(g.pipeline.reached).toEqual({ applied: 2, screening: 2, interviewing: 1, offer: 0, accepted: 0 });
    expect(g.companies).toEqual([]);
  });

  it('shows a company once three members applied there with shared applications, and not for two', () => {
    const acme = (id: number, memberId: number, extra: Partial<AppSpec> = {}): AppSpec => ({
      id,
      memberId,
      company: id === 2 ? ' acme ' : 'Acme',
      ...extra,
    });
    const three = world([
      acme(1, 1, { moves: [['screening', 2]] }),
      acme(2, 2, { moves: [['rejected', 6]], rejections: [['screen', 6]] }),
      acme(3, 3, { moves: [['ghosted', 30]] }),
      acme(4, 1, { moves: [['ghosted', 25]] }),
      acme(5, 4, { visibility: 'counts', moves: [['screening', 1]] }),
      acme(6, 5, { visibility: 'private', moves: [['screening', 1]] }),
      { id: 7, memberId: 1, company: 'Globex' },
      { id: 8, memberId: 2, company: 'Globex' },
    ]);
    const g = groupPipeline(three, NOW, 'UTC');
    expect(g.companies).toEqual([{ company: 'Acme', applications: 4, medianDaysToAnswer: 4, ghosted: 2 }]);
    expect(companyLines(g.companies, 3)).toEqual([
      'By company (shared applications, where three or more members applied):',
      '• Acme: first answer after 4 days (median) · ghosted 2 of 4 (50%)',
    ]);

    // Without member 3, Acme has two members (the `counts` and `private` ones do not make a third).
    const two = { ...three, applications: three.applications.filter((a) => a.memberId !== 3) };
    expect(groupPipeline(two, NOW, 'UTC').companies).toEqual([]);
    expect(companyLines([], 3)).toEqual([
      'Per-company figures appear once three members have applied to the same company.',
    ]);
  });
});
