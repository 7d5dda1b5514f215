import { afterEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../helpers/world.ts';

/**
 * One known week, 23–29 Nov 2026, in a UTC group of three, and every figure it shows:
 * - ann logs Acme, Initech and (after her rejection) Umbrella on Monday; Hooli turns her down at the
 *   application stage; her goals are 3 applications and 0 networking; her Tuesday check-in reports 4
 *   applications and 1 networking action (so her week is 3 + 4 = 7).
 * - ben logs Globex, is turned down there after an interview, marks the feedback request done on
 *   Tuesday (his check-in that day reports the same follow-up, counted once) and logs feedback from
 *   Globex twice; his only goal is 2 networking; his check-in reports 2 networking actions.
 * - cat shares as counts: one application (counted, never named) and a check-in reporting 1 application.
 * ann's /applied Umbrella closes her "line up your next application" step by itself: that is not a
 * follow-up she did, nor her rejection turned into action.
 */
async function knownWeek(world: World): Promise<Record<string, string>> {
  const said: Record<string, string> = {};
  await world.command('ann', 'rebound', 'setup 09:00 UTC mon-fri');
  await world.command('ben', 'rebound', 'join');
  await world.command('cat', 'rebound', 'join');
  await world.command('cat', 'rebound', 'visibility counts');
  said.annGoal = await world.say('ann', '/goal applications 3 | networking 0');
  said.benGoal = await world.say('ben', '/goal networking 2');

  await world.command('ann', 'applied', 'Acme | SRE');
  await world.command('ann', 'applied', 'Initech | SRE');
  await world.command('ben', 'applied', 'Globex | Data Engineer');
  await world.command('cat', 'applied', 'Wonka | PM');
  await world.command('ann', 'rejected', 'Hooli | SRE | applied');
  await world.command('ben', 'rejected', 'Globex | Data Engineer | interview');
  world.clock.set(new Date('2026-11-23T08:30:00Z'));
  await world.command('ann', 'applied', 'Umbrella | SRE');
  await world.react('ben', 'Acme');

  // Tuesday: ben asks Globex for feedback and says so in his check-in too; ann checks in.
  world.clock.set(new Date('2026-11-24T10:30:00Z'));
  await world.rebound.sweep();
  const ben = (await world.store.members.listByUser({ platform: 'slack', workspaceId: 'T1' }, 'ben'))[0]!;
  const ask = (await world.store.followUps.listByMember(ben.id, ['pending', 'snoozed'])).find(
    (f) => f.ruleId === 'request-feedback',
  );
  await world.click('ben', `fu:done:${ask?.id}`);
  await checkIn(world, 'ann', { applications: '4', networking: '1', followups: '0' });
  await checkIn(world, 'ben', { applications: '0', networking: '2', followups: '1' });

  // Wednesday: two notes of feedback from the same company, and cat's check-in.
  world.clock.set(new Date('2026-11-25T12:00:00Z'));
  await world.command('ben', 'feedback', 'Globex | more depth on data modelling');
  await world.command('ben', 'feedback', 'Globex | practise SQL window functions');
  await checkIn(world, 'cat', { applications: '1', networking: '0', followups: '0' });

  world.clock.set(new Date('2026-11-26T12:00:00Z'));
  said.annGoalThursday = await world.say('ann', '/goal');
  said.benGoalThursday = await world.say('ben', '/goal');
  said.annStats = await world.say('ann', '/stats');
  said.benStats = await world.say('ben', '/stats');
  said.groupStats = await world.say('cat', '/stats group');
  return said;
}

async function checkIn(world: World, who: string, fields: Record<string, string>): Promise<void> {
  const form = await world.command(who, 'checkin');
  if (form.type !== 'form') throw new Error(`expected the check-in form, got ${form.type}`);
  await world.rebound.handle({ kind: 'form-submit', source: world.source(who), formId: form.form.formId, fields });
}

describe('the figures of one known week', () => {
  let world: World;
  afterEach(() => world.close());

  it('add up in /goal, /stats, /stats group and the weekly digest, with logged and check-in figures apart', async () => {
    world = createWorld({ start: new Date('2026-11-23T08:00:00Z') });
    const said = await knownWeek(world);

    expect(said.annGoal).toBe(
      [
        'Weekly goal set: 3 applications (Monday to Sunday, your time: UTC).',
        'This week so far: 0 of 3 applications, 0 networking actions. Follow-ups done: 0.',
      ].join('\n'),
    );
    expect(said.benGoal).toBe(
      [
        'Weekly goal set: 2 networking actions (Monday to Sunday, your time: UTC).',
        'This week so far: 0 applications, 0 of 2 networking actions. Follow-ups done: 0.',
      ].join('\n'),
    );
    expect(said.annGoalThursday).toBe(
      [
        'Your weekly goal: 3 applications (Monday to Sunday, your time: UTC).',
        'This week so far: 7 of 3 applications, 1 networking action. Follow-ups done: 0.',
        'You logged 3 applications, 0 networking actions and 0 follow-ups done; your check-ins reported 4 applications, 1 networking action and 0 follow-ups done. Each day counts the larger of the two, never both.',
      ].join('\n'),
    );
    expect(said.benGoalThursday).toBe(
      [
        'Your weekly goal: 2 networking actions (Monday to Sunday, your time: UTC).',
        'This week so far: 1 application, 2 of 2 networking actions. Follow-ups done: 1.',
        'You logged 1 application, 0 networking actions and 1 follow-up done; your check-ins reported 0 applications, 2 networking actions and 1 follow-up done. Each day counts the larger of the two, never both.',
      ].join('\n'),
    );

    expect(said.annStats).toBe(
      [
        'Your week (23 Nov – 29 Nov)',
        'Applications: 7 of 3 ✓',
        'Networking: 1',
        'Follow-ups done: 0',
        'Check-in streak: starts with your next check-in',
        'You logged 3 applications, 0 networking actions and 0 follow-ups done; your check-ins reported 4 applications, 1 networking action and 0 follow-ups done. Each day counts the larger of the two, never both.',
        'Application goal reached this week. Well done!',
        'So far',
        '4 applications · 1 rejection · 0 follow-ups done',
        '1 check-in · feedback from 0 applications · 1 reaction of encouragement received, 0 given',
        'Your pipeline',
        'applied 4 → screening 0 (0%) → interviewing 0 → offer 0 → accepted 0',
        'Median time to a first answer: not yet',
        'Still silent after 14 days: no application is 14 days old yet',
        'Rejections by stage: applied 1',
        'Back on your feet',
        '• Hooli (23 Nov): next application the same day',
      ].join('\n'),
    );
    expect(said.benStats).toBe(
      [
        'Your week (23 Nov – 29 Nov)',
        'Applications: 1',
        'Networking: 2 of 2 ✓',
        'Follow-ups done: 1',
        'Check-in streak: starts with your next check-in',
        'You logged 1 application, 0 networking actions and 1 follow-up done; your check-ins reported 0 applications, 2 networking actions and 1 follow-up done. Each day counts the larger of the two, never both.',
        'So far',
        '1 application · 1 rejection · 1 follow-up done',
        '1 check-in · feedback from 1 application · 0 reactions of encouragement received, 1 given',
        'Your pipeline',
        'applied 1 → screening 1 (100%) → interviewing 1 (100%) → offer 0 (0%) → accepted 0',
        'Median time to a first answer: the same day (over 1 answered application)',
        'Still silent after 14 days: no application is 14 days old yet',
        'Rejections by stage: interview 1',
        'Your lessons',
        '• Globex: more depth on data modelling',
        '• Globex: practise SQL window functions',
        'Back on your feet',
        '• Globex (23 Nov): your next application is still ahead, whenever you are ready',
      ].join('\n'),
    );

    const groupFigures = [
      '📨 Applications: 5 (ann: Acme (SRE), ann: Initech (SRE), ben: Globex (Data Engineer), ann: Umbrella (SRE))',
      '📝 Reported in check-ins, apart from the logged figures: 5 applications, 3 networking actions, 1 follow-up done',
      '🗣️ Interviews: 1 (ben: Globex (Data Engineer))',
      '💛 Rejections: 2, 1 already turned into follow-ups done',
      '✅ Follow-ups done: 1',
      '💬 Feedback: 1 asked, 1 received',
      '🙋 Check-ins: 3',
      '🎉 Encouragement: 1 reaction',
      '• ann: gave 0, received 1',
      '• ben: gave 1, received 0',
    ];
    expect(said.groupStats).toBe(
      [
        'job-hunt: this week so far (23 Nov – 29 Nov)',
        ...groupFigures,
        // All time: ann's four, ben's Globex and cat's Wonka (counts); only ben's Globex was answered.
        'Group pipeline, all time',
        'applied 6 → screening 1 (17%) → interviewing 1 (100%) → offer 0 (0%) → accepted 0',
        'Median time to a first answer: the same day (over 1 answered application)',
        'Still silent after 14 days: no application is 14 days old yet',
        'Per-company figures appear once three members have applied to the same company.',
        'Entries kept private are not counted; entries shared as counts are not named.',
      ].join('\n'),
    );

    world.clock.set(new Date('2026-11-30T09:00:00Z'));
    await world.rebound.sweep();
    const digest = world.chat.sent.find((s) => s.kind === 'channel' && s.text.includes('your week together'));
    expect(digest?.text).toBe(
      [
        'job-hunt: your week together (23 Nov – 29 Nov)',
        ...groupFigures,
        'Thank you for showing up for each other. Here is to the week ahead!',
      ].join('\n'),
    );
  });
});
