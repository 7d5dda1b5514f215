import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, replyText, type World } from '../helpers/world.ts';

describe('a rejection plans the steps that fit the stage it came at', () => {
  let h: World;
  const aliceId = async () => (await h.store.members.find(1, 'alice'))?.id ?? 0;
  const openRules = async () =>
    (await h.store.followUps.listByMember(await aliceId(), ['pending', 'snoozed'])).map((f) => f.ruleId).sort();
  const nudges = () => h.chat.dmsTo('alice').filter((d) => /from your plan/.test(d.text));

  beforeEach(async () => {
    // Wednesday 25 November 2026, 13:00 in Berlin.
    h = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await h.command({ userId: 'alice', timezone: 'Europe/Berlin' }, 'rebound', 'setup 09:00 Europe/Berlin');
  });
  afterEach(() => h.close());

  it.each(['applied', 'screen'])(
    'after a rejection at %s, asks the recruiter for pointers and never speaks of an interviewer',
    async (stage) => {
      const text = replyText(await h.command('alice', 'rejected', `Acme | SRE | ${stage}`));
      expect(text).toMatch(/Thu 26 Nov, 10:00: Ask the recruiter at Acme for pointers/);
      expect(text).toMatch(/Sat 28 Nov, 10:00: Connect with people at Acme/);
      expect(text).toMatch(/Stay in touch with Acme/);
      expect(text).toMatch(/Right now: pick the next role/);
      expect(text).not.toMatch(/feedback|interview/i);
      expect(await openRules()).toEqual(
        [
          'connect-company',
          'keep-applying',
          'recruiter-pointers',
          'stay-in-touch',
          'stay-in-touch',
          'stay-in-touch',
        ].sort(),
      );

      await h.advanceTo(new Date('2026-11-28T12:00:00Z'));
      const sent = nudges()
        .map((d) => d.text)
        .join('\n');
      expect(sent).toMatch(/Send the recruiter at Acme a short, friendly note/);
      expect(sent).toMatch(/thank you for letting me know about the SRE role at Acme/);
      expect(sent).toMatch(/Connect with a recruiter or a few people at Acme/);
      expect(sent).not.toMatch(/interviewer|the team gave me|your time/i);
    },
  );

  it('treats a rejection with no stage as one at the application stage', async () => {
    const text = replyText(await h.command('alice', 'rejected', 'Acme | SRE'));
    expect(text).toMatch(/Ask the recruiter at Acme for pointers/);
    expect(await openRules()).not.toContain('request-feedback');
  });

  it.each(['interview', 'final', 'offer'])(
    'after a rejection at %s, asks the interviewer for feedback and to connect',
    async (stage) => {
      const text = replyText(await h.command('alice', 'rejected', `Acme | SRE | ${stage}`));
      expect(text).toMatch(/Thu 26 Nov, 10:00: Ask for feedback at Acme/);
      expect(text).not.toMatch(/recruiter/);
      expect(await openRules()).toEqual(
        [
          'connect',
          'engage',
          'keep-applying',
          'request-feedback',
          'stay-in-touch',
          'stay-in-touch',
          'stay-in-touch',
        ].sort(),
      );
      await h.advanceTo(new Date('2026-11-28T12:00:00Z'));
      const sent = nudges()
        .map((d) => d.text)
        .join('\n');
      expect(sent).toMatch(/Ask your interviewer at Acme for feedback/);
      expect(sent).toMatch(/the time you and the team gave me for the SRE role at Acme/);
      expect(sent).toMatch(/Connect with your interviewer/);
    },
  );

  it('encourages in words that fit each stage', async () => {
    const opening = async (company: string, stage: string) =>
      replyText(await h.command('alice', 'rejected', `${company} | SRE | ${stage}`)).split('\n')[0] ?? '';
    const applied = await opening('A1', 'applied');
    const screen = await opening('A2', 'screen');
    const interview = await opening('A3', 'interview');
    const final = await opening('A4', 'final');
    const offer = await opening('A5', 'offer');
    expect(applied).not.toMatch(/interview|close|call/i);
    expect(screen).toMatch(/screen/i);
    expect(screen).not.toMatch(/interview/i);
    expect(interview).toMatch(/interview/i);
    expect(final).toMatch(/final round/i);
    expect(offer).toMatch(/offer/i);
    expect(new Set([applied, screen, interview, final, offer]).size).toBe(5);
  });
});
