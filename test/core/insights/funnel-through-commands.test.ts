import { afterEach, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../helpers/world.ts';

/** Monday 2 November 2026, 09:00 UTC, plus `n` days (at `hour` UTC). */
const day = (n: number, hour = 9) => new Date(Date.UTC(2026, 10, 2 + n, hour));

/** What follows a heading in a reply, up to the next line that starts with `until`. */
function section(text: string, heading: string, until: string): string {
  const from = text.indexOf(`${heading}\n`);
  if (from < 0) throw new Error(`no "${heading}" in:\n${text}`);
  const rest = text.slice(from + heading.length + 1);
  const end = rest.indexOf(`\n${until}`);
  return end < 0 ? rest : rest.slice(0, end);
}

/**
 * A UTC group of five. ann, ben and cat share; dan shares as counts, eve keeps things private.
 * Acme gets applications from all five, but only ann, ben and cat's are shared: the third of them
 * (cat) arrives a week later. Everything moves by /applied, /stage and /rejected as the clock runs.
 */
async function fiveMembers(world: World): Promise<Record<string, string>> {
  const said: Record<string, string> = {};
  await world.run('ann', '/rebound setup 09:00 UTC mon-fri');
  for (const who of ['ben', 'cat', 'dan', 'eve']) await world.run(who, '/rebound join');
  await world.run('dan', '/rebound visibility counts');
  await world.run('eve', '/rebound visibility private');

  await world.run('ann', '/applied Acme | SRE');
  await world.run('ann', '/applied Globex | SRE');
  await world.run('ann', '/applied Hooli | SRE');
  await world.run('ben', '/applied Acme | Data Engineer');
  await world.run('dan', '/applied Acme | Product Manager');
  await world.run('dan', '/applied Hushco | Product Manager');
  await world.run('eve', '/applied Acme | Ops Lead');
  await world.run('eve', '/applied SecretCo | Staff Engineer');

  world.clock.set(day(3));
  await world.run('ann', '/stage Acme | screening');
  world.clock.set(day(5));
  await world.run('ben', '/rejected Acme | Data Engineer | screen');
  world.clock.set(day(6));
  await world.run('dan', '/stage Acme | interviewing');
  // Acme now has four members' applications, but only two of them shared.
  said.groupWithTwo = await world.say('ann', '/stats group');

  world.clock.set(day(7));
  await world.run('cat', '/applied Acme | QA Engineer');
  world.clock.set(day(8));
  await world.run('ann', '/rejected Hooli | SRE | applied');
  world.clock.set(day(10));
  await world.run('ann', '/rejected Initech | SRE | final');
  world.clock.set(day(16));
  await world.run('ann', '/stage Globex | ghosted');

  // The week of 23–29 Nov: three offers, one of them private.
  world.clock.set(day(22));
  await world.run('ann', '/stage Acme | offer');
  world.clock.set(day(23));
  await world.run('dan', '/stage Acme | offer');
  await world.run('eve', '/stage SecretCo | offer');
  world.clock.set(day(25));
  await world.run('ann', '/applied Umbrella | SRE');

  world.clock.set(day(28));
  await world.rebound.sweep();
  said.digest =
    world.chat.sent.find((s) => s.kind === 'channel' && s.text.includes('your week together (23 Nov – 29 Nov)'))
      ?.text ?? '';

  world.clock.set(day(29, 10));
  await world.run('cat', '/stage Acme | ghosted');
  world.clock.set(day(30, 12));
  said.ann = await world.say('ann', '/stats');
  said.eve = await world.say('eve', '/stats');
  said.group = await world.say('ben', '/stats group');
  return said;
}

describe('the funnel through commands', () => {
  let world: World;
  afterEach(() => world.close());

  it('pins every figure of /stats: steps, conversions, median first answer and the silent share', async () => {
    world = createWorld({ start: day(0) });
    const said = await fiveMembers(world);
    // Acme answered after 3 days, Hooli after 8 (median 5.5); Initech came with its rejection, so it
    // has no sending date; Globex was ghosted; Umbrella is 5 days old. Silent: Globex, of Acme, Globex, Hooli.
    expect(section(said.ann ?? '', 'Your pipeline', 'Back on your feet')).toBe(
      [
        'applied 5 → screening 2 (40%) → interviewing 2 (100%) → offer 1 (50%) → accepted 0 (0%)',
        'Median time to a first answer: 5.5 days (over 2 answered applications)',
        'Still silent after 14 days: 1 of 3 applications (33%)',
        'Rejections by stage: applied 1 · final 1',
      ].join('\n'),
    );
    // Her own figures include what she keeps private: SecretCo's offer came after 23 days, so both are silent.
    expect(section(said.eve ?? '', 'Your pipeline', 'Back on your feet')).toBe(
      [
        'applied 2 → screening 1 (50%) → interviewing 1 (100%) → offer 1 (100%) → accepted 0 (0%)',
        'Median time to a first answer: 23 days (over 1 answered application)',
        'Still silent after 14 days: 2 of 2 applications (100%)',
        'No rejections logged.',
      ].join('\n'),
    );
  });

  it('pins the group funnel, and shows per-company figures for three shared contributors but not for two', async () => {
    world = createWorld({ start: day(0) });
    const said = await fiveMembers(world);
    const footer = 'Entries kept private are not counted';
    expect(section(said.groupWithTwo ?? '', 'Group pipeline, all time', footer)).toBe(
      [
        'applied 6 → screening 3 (50%) → interviewing 1 (33%) → offer 0 (0%) → accepted 0',
        'Median time to a first answer: 5 days (over 3 answered applications)',
        'Still silent after 14 days: no application is 14 days old yet',
        'Per-company figures appear once three members have applied to the same company.',
      ].join('\n'),
    );
    // Nine applications (eve's two are private): answers after 3, 5, 6 and 8 days; silent after 14
    // days: ann's Globex, cat's Acme and dan's Hushco, of seven old enough (Initech has no sending date).
    // Acme: ann (3 days), ben (5) and cat (ghosted); dan's and eve's Acme are not shared.
    expect(section(said.group ?? '', 'Group pipeline, all time', footer)).toBe(
      [
        'applied 9 → screening 4 (44%) → interviewing 3 (75%) → offer 2 (67%) → accepted 0 (0%)',
        'Median time to a first answer: 5.5 days (over 4 answered applications)',
        'Still silent after 14 days: 3 of 7 applications (43%)',
        'By company (shared applications, where three or more members applied):',
        '• Acme: first answer after 4 days (median) · ghosted 1 of 3 (33%)',
      ].join('\n'),
    );
  });

  it('never names who in the group funnel, nor a counts or private application’s company anywhere', async () => {
    world = createWorld({ start: day(0) });
    const said = await fiveMembers(world);
    for (const text of [said.groupWithTwo ?? '', said.group ?? '']) {
      const funnel = section(text, 'Group pipeline, all time', 'Entries kept private');
      for (const who of ['ann', 'ben', 'cat', 'dan', 'eve']) expect(funnel).not.toMatch(new RegExp(`\\b${who}\\b`));
      for (const secret of ['Hushco', 'SecretCo', 'Product Manager', 'Ops Lead', 'Staff Engineer'])
        expect(text).not.toContain(secret);
    }
    const group = world.chat.sent.filter((s) => s.kind === 'channel').map((s) => s.text);
    for (const secret of ['Hushco', 'SecretCo']) expect(group.join('\n')).not.toContain(secret);
  });

  it('celebrates the offers of the week in the digest: the company when shared, "an offer" for counts, nothing for private', async () => {
    world = createWorld({ start: day(0) });
    const said = await fiveMembers(world);
    expect(said.digest).toContain('\n🥳 Offers: 2 (ann: Acme (SRE), dan: an offer). Congratulations!\n');
    expect(said.digest).not.toContain('eve');
    expect(said.digest).not.toContain('SecretCo');
  });
});
