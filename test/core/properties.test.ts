/**
 * Property-based tests: whatever text arrives in whatever field, a command either stores a whole
 * entry or answers privately with an error; it never crashes, never writes half an entry, and
 * never lets the text ping anyone.
 */
import { mentionedUsers } from '../../src/core/messages.ts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandEvent } from '../helpers/command-event.ts';
import { createWorld, replyText, type World } from '../helpers/world.ts';

const hostile = fc.oneof(
  fc.constantFrom(
    '',
    '   ',
    '@everyone',
    '@here',
    '<!channel>',
    '<!here|here>',
    '<!subteam^S123|@team>',
    '<@U123>',
    '<@!123456789012345678>',
    '<@&123456789012345678>',
    '<#C123|general>',
    "Robert'); DROP TABLE applications;--",
    '1 OR 1=1',
    '\u202eevil\u202c',
    'مرحبا بالعالم',
    '👩‍💻🎉🚀',
    '\u0000\u0007\u001b[31m',
    'interview',
    'final',
    'https://example.com/jobs/1',
    'Europe/Berlin',
    'Mars/Olympus',
  ),
  fc.string({ maxLength: 50 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constant('x'.repeat(100_000)),
  fc.integer({ min: 0, max: 3000 }).map((n) => 'é'.repeat(n)),
);

const args = fc.array(hostile, { maxLength: 5 });

const ENTRY_TABLES = ['applications', 'rejections', 'updates', 'feedback', 'follow_ups', 'posts', 'goals'] as const;

describe('any text in any field', () => {
  let h: World;
  const counts = () =>
    Object.fromEntries(
      ENTRY_TABLES.map((t) => [t, (h.database.sqlite.prepare(`select count(*) n from ${t}`).get() as { n: number }).n]),
    ) as Record<(typeof ENTRY_TABLES)[number], number>;

  beforeAll(async () => {
    h = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await h.command('alice', 'rebound', 'setup 09:00 Europe/Berlin');
  });
  afterAll(() => h.close());

  const commands: string[] = ['applied', 'rejected', 'update', 'feedback', 'goal', 'stats', 'followups', 'checkin'];

  for (const name of commands) {
    it(`/${name} stores a whole entry or answers privately, never crashing or pinging`, async () => {
      await fc.assert(
        fc.asyncProperty(args, async (fields) => {
          const before = counts();
          h.chat.clear();
          const reply = await h.rebound.handle(commandEvent(h.source('alice'), name, fields.join(' | ')));
          const after = counts();
          expect(['private', 'form', 'none']).toContain(reply.type);
          expect(replyText(reply)).not.toMatch(/went wrong on my side/);
          // Whole or nothing: a rejection brings its application, its rejection and its plan together.
          if (name === 'rejected' && after.rejections > before.rejections) {
            expect(after.rejections - before.rejections).toBe(1);
            expect(after.follow_ups - before.follow_ups).toBeGreaterThanOrEqual(5);
          } else if (name === 'rejected') {
            expect(after).toEqual(before);
          }
          if (name === 'applied') expect(after.applications - before.applications).toBeLessThanOrEqual(1);
          // Whatever the text says, the core mentions nobody (adapters escape the text: contract suite).
          for (const sent of h.chat.sent) expect(mentionedUsers(sent.message)).toEqual([]);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('/rebound subcommands answer privately whatever follows them', async () => {
    const sub = fc.constantFrom(
      'setup',
      'config',
      'join',
      'pause',
      'resume',
      'timezone',
      'quiet',
      'visibility',
      'help',
      'nonsense',
      '',
    );
    await fc.assert(
      fc.asyncProperty(sub, args, async (s, rest) => {
        const reply = await h.rebound.handle(commandEvent(h.source('alice'), 'rebound', [s, ...rest].join(' ')));
        expect(['private', 'none', 'form']).toContain(reply.type);
        expect(replyText(reply)).not.toMatch(/went wrong on my side/);
      }),
      { numRuns: 150 },
    );
    // Whatever happened, the group is still there and the caller still in it.
    expect(await h.store.groups.findByChannel({ platform: 'slack', workspaceId: 'T1' }, 'C1')).not.toBeNull();
  });

  it('the rejection form refuses bad fields inline and stores nothing', async () => {
    const fieldsArb = fc.record({ company: hostile, role: hostile, stage: hostile, note: hostile });
    await fc.assert(
      fc.asyncProperty(fieldsArb, async (fields) => {
        const before = counts();
        const reply = await h.rebound.handle({
          kind: 'form-submit',
          source: h.source('alice'),
          formId: 'rejected',
          fields,
        });
        expect(['private', 'form-errors']).toContain(reply.type);
        if (reply.type === 'form-errors') {
          expect(Object.keys(reply.errors).every((k) => ['company', 'role', 'stage', 'note'].includes(k))).toBe(true);
          expect(counts()).toEqual(before);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('button ids of any shape are refused privately without touching anything', async () => {
    const actionIds = fc.oneof(
      fc.string({ maxLength: 100 }),
      fc.integer({ min: -5, max: 10_000_000 }).map((n) => `fu:done:${n}`),
      fc.constantFrom(
        'fu:done:',
        'fu:skip:1e9',
        'fu:snooze:0x10',
        'forget:confirm:999',
        'checkin:open:1:2026-13-45',
        ':::',
      ),
    );
    await fc.assert(
      fc.asyncProperty(actionIds, async (actionId) => {
        const before = counts();
        const reply = await h.rebound.handle({ kind: 'button', source: h.source('mallory'), actionId });
        expect(['private', 'none', 'form']).toContain(reply.type);
        expect(replyText(reply)).not.toMatch(/went wrong on my side/);
        expect(counts()).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });
});
