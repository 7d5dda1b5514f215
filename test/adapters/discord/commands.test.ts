import { afterEach, describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord.js';
import type { CommandEvent } from '../../../src/core/events.ts';
import { SLASH_COMMANDS } from '../../../src/core/commands/declarations.ts';
import { COMMAND_DEFINITIONS } from '../../../adapters/discord/commands.ts';
import {
  ALL_PERMISSIONS,
  autocomplete,
  BOB,
  BOT_ID,
  command,
  GROUP_CHANNEL_ID,
  MEMBER_PERMISSIONS,
  opt,
  threadChannel,
  type CommandOption,
} from '../../fakes/discord-packets.ts';
import type { RecordedCall } from '../../fakes/discord-rest.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

function callbackData(call: RecordedCall): { type: number; data: Record<string, unknown> } {
  return call.body as { type: number; data: Record<string, unknown> };
}

async function run(name: string, options: readonly CommandOption[] = [], permissions = ALL_PERMISSIONS) {
  h ??= await startHarness();
  const before = h.rest.callsTo('POST', /\/callback$/).length;
  h.feed(command(name, options, { permissions }));
  const callback = await h.rest.waitFor(
    (c) =>
      c.method === 'POST' && /\/callback$/.test(c.path) && h!.rest.callsTo('POST', /\/callback$/).indexOf(c) >= before,
  );
  return { callback: callbackData(callback), event: h.handler.last() as CommandEvent | undefined };
}

describe('Discord command definitions', () => {
  it('declare every command of the product as a guild slash command', () => {
    expect(COMMAND_DEFINITIONS.map((c) => c.name).sort()).toEqual([...SLASH_COMMANDS].sort());
    for (const definition of COMMAND_DEFINITIONS) expect(definition.contexts).toEqual([0]);
  });

  it('use names and descriptions Discord accepts, with required options before optional ones', () => {
    const check = (options: readonly APIApplicationCommandOption[]) => {
      expect(options.length).toBeLessThanOrEqual(25);
      let seenOptional = false;
      for (const option of options) {
        expect(option.name).toMatch(/^[-_a-z0-9]{1,32}$/);
        expect(option.description.length).toBeGreaterThan(0);
        expect(option.description.length).toBeLessThanOrEqual(100);
        const required = 'required' in option && option.required === true;
        expect(required && seenOptional, `${option.name} is required after an optional option`).toBe(false);
        if (!required) seenOptional = true;
        if ('options' in option && option.options) check(option.options);
      }
    };
    for (const definition of COMMAND_DEFINITIONS) {
      expect(definition.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(definition.description.length).toBeLessThanOrEqual(100);
      check(definition.options ?? []);
    }
  });

  it('offer the rejection stage as choices and the timezone with autocomplete', () => {
    const rejected = COMMAND_DEFINITIONS.find((c) => c.name === 'rejected');
    const stage = rejected?.options?.find((o) => o.name === 'stage');
    expect(stage && 'choices' in stage ? stage.choices?.map((c) => c.value) : []).toEqual([
      'applied',
      'screen',
      'interview',
      'final',
      'offer',
    ]);
    const rebound = COMMAND_DEFINITIONS.find((c) => c.name === 'rebound');
    const timezoneSub = rebound?.options?.find((o) => o.name === 'timezone');
    const zone = timezoneSub && 'options' in timezoneSub ? timezoneSub.options?.[0] : undefined;
    expect(zone && 'autocomplete' in zone ? zone.autocomplete : false).toBe(true);
    expect(zone?.type).toBe(ApplicationCommandOptionType.String);
  });
});

describe('Discord commands become core commands with their options by name', () => {
  type Values = Readonly<Record<string, unknown>>;
  const cases: [string, string, readonly CommandOption[], string, Values][] = [
    [
      '/applied with a link',
      'applied',
      [
        opt.string('company', 'Acme'),
        opt.string('role', 'Backend Engineer'),
        opt.string('link', 'https://acme.example/jobs/1'),
      ],
      'applied',
      { company: 'Acme', role: 'Backend Engineer', link: 'https://acme.example/jobs/1' },
    ],
    [
      '/applied without a link',
      'applied',
      [opt.string('role', 'SRE'), opt.string('company', 'Acme')],
      'applied',
      { company: 'Acme', role: 'SRE' },
    ],
    [
      '/rejected with every field',
      'rejected',
      [
        opt.string('company', 'Acme'),
        opt.string('role', 'SRE'),
        opt.string('stage', 'interview'),
        opt.string('note', 'internal candidate'),
      ],
      'rejected',
      { company: 'Acme', role: 'SRE', stage: 'interview', note: 'internal candidate' },
    ],
    [
      '/rejected skipping the role',
      'rejected',
      [opt.string('company', 'Acme'), opt.string('stage', 'final')],
      'rejected',
      { company: 'Acme', stage: 'final' },
    ],
    ['/rejected with no options (the form)', 'rejected', [], 'rejected', {}],
    [
      '/update',
      'update',
      [opt.string('text', 'Had a great call with Initech')],
      'update',
      { text: 'Had a great call with Initech' },
    ],
    [
      '/feedback',
      'feedback',
      [opt.string('company', 'Acme'), opt.string('text', 'More system design depth')],
      'feedback',
      { company: 'Acme', text: 'More system design depth' },
    ],
    ['/followups', 'followups', [], 'followups', {}],
    ['/checkin', 'checkin', [], 'checkin', {}],
    [
      '/goal with both goals',
      'goal',
      [opt.integer('applications', 5), opt.integer('networking', 2)],
      'goal',
      { applications: 5, networking: 2 },
    ],
    ['/goal with networking only', 'goal', [opt.integer('networking', 2)], 'goal', { networking: 2 }],
    ['/stats for me', 'stats', [], 'stats', {}],
    ['/stats for the group', 'stats', [opt.string('scope', 'group')], 'stats', { scope: 'group' }],
    [
      '/rebound setup with everything',
      'rebound',
      [
        opt.sub('setup', [
          opt.string('time', '09:00'),
          opt.string('timezone', 'Europe/Berlin'),
          opt.string('days', 'mon-fri'),
        ]),
      ],
      'rebound setup',
      { time: '09:00', timezone: 'Europe/Berlin', days: 'mon-fri' },
    ],
    [
      '/rebound setup with only the days',
      'rebound',
      [opt.sub('setup', [opt.string('days', 'mon-thu')])],
      'rebound setup',
      { days: 'mon-thu' },
    ],
    [
      '/rebound setup with only the timezone',
      'rebound',
      [opt.sub('setup', [opt.string('timezone', 'Asia/Kolkata')])],
      'rebound setup',
      { timezone: 'Asia/Kolkata' },
    ],
    ['/rebound setup bare', 'rebound', [opt.sub('setup')], 'rebound setup', {}],
    [
      '/rebound config',
      'rebound',
      [opt.sub('config', [opt.string('setting', 'connect'), opt.string('value', 'off')])],
      'rebound config',
      { setting: 'connect', value: 'off' },
    ],
    [
      '/rebound config-admin',
      'rebound',
      [opt.sub('config-admin', [opt.string('action', 'add'), opt.user('user', BOB.id)])],
      'rebound config admin',
      { action: 'add', user: { kind: 'user', userId: BOB.id } },
    ],
    ['/rebound join', 'rebound', [opt.sub('join')], 'rebound join', {}],
    ['/rebound leave', 'rebound', [opt.sub('leave')], 'rebound leave', {}],
    ['/rebound pause 3', 'rebound', [opt.sub('pause', [opt.integer('days', 3)])], 'rebound pause', { days: 3 }],
    ['/rebound resume', 'rebound', [opt.sub('resume')], 'rebound resume', {}],
    [
      '/rebound timezone',
      'rebound',
      [opt.sub('timezone', [opt.string('timezone', 'Europe/Berlin')])],
      'rebound timezone',
      { timezone: 'Europe/Berlin' },
    ],
    [
      '/rebound quiet',
      'rebound',
      [opt.sub('quiet', [opt.string('hours', '21-08')])],
      'rebound quiet',
      { hours: '21-08' },
    ],
    [
      '/rebound visibility',
      'rebound',
      [opt.sub('visibility', [opt.string('level', 'counts')])],
      'rebound visibility',
      { level: 'counts' },
    ],
    ['/rebound export', 'rebound', [opt.sub('export')], 'rebound export', {}],
    ['/rebound forget-me', 'rebound', [opt.sub('forget-me')], 'rebound forget-me', {}],
    ['/rebound help', 'rebound', [opt.sub('help')], 'rebound help', {}],
  ];

  for (const [title, name, options, commandId, values] of cases) {
    it(`${title} reaches the core as ${commandId} ${JSON.stringify(values)} and is answered privately`, async () => {
      const { callback, event } = await run(name, options);
      expect(event).toMatchObject({ kind: 'command', command: commandId });
      expect(event?.values).toEqual(values);
      expect(event?.source).toMatchObject({
        platform: 'discord',
        workspaceId: '290926798626357999',
        channelId: '345626669114982402',
      });
      expect(callback.type).toBe(4);
      expect(callback.data['flags']).toBe(64);
    });
  }

  it('passes values Discord should have refused to the core unchanged, so the core can explain the right form', async () => {
    const long = 'A'.repeat(150);
    const { event } = await run('applied', [opt.string('company', long), opt.string('role', ' ')]);
    expect(event?.values).toEqual({ company: long, role: ' ' });
  });

  it('names the person by their server nickname and says whether they can manage the channel', async () => {
    h = await startHarness();
    h.feed(command('rebound', [opt.sub('join')], { user: BOB, permissions: MEMBER_PERMISSIONS, nick: 'Bobby' }));
    await h.rest.waitForCall('POST', /\/callback$/);
    expect(h.handler.last()?.source.actor).toEqual({ userId: BOB.id, displayName: 'Bobby', isBot: false });
    expect(h.handler.last()?.source.canManageChannel).toBe(false);
  });

  it('a command used in a check-in thread belongs to the group channel the thread is in', async () => {
    h = await startHarness();
    h.feed(
      command('update', [opt.string('text', 'Two interviews booked')], {
        channel: threadChannel('1310000000000000001', GROUP_CHANNEL_ID, BOT_ID),
      }),
    );
    await h.rest.waitForCall('POST', /\/callback$/);
    expect(h.handler.last()?.source.channelId).toBe(GROUP_CHANNEL_ID);
  });

  it('answers an unknown command privately without bothering the core', async () => {
    const { callback, event } = await run('cardsearch', [opt.string('cardname', 'The Gitrog Monster')]);
    expect(event).toBeUndefined();
    expect(callback.data).toMatchObject({ flags: 64, content: expect.stringContaining('Unknown command') });
  });

  it('answers a command used outside a server privately', async () => {
    h = await startHarness();
    h.feed(command('followups', [], { guildId: null, channelId: '319674150115610528' }));
    const call = await h.rest.waitForCall('POST', /\/callback$/);
    expect(callbackData(call).data).toMatchObject({ flags: 64, content: expect.stringContaining('server channels') });
    expect(h.handler.events).toHaveLength(0);
  });
});

describe('Manage Channels for /rebound setup and config', () => {
  it('tells the core that a member without Manage Channels cannot manage the channel when they try /rebound setup', async () => {
    const { event } = await run('rebound', [opt.sub('setup', [opt.string('time', '09:00')])], MEMBER_PERMISSIONS);
    expect(event).toMatchObject({
      command: 'rebound setup',
      values: { time: '09:00' },
      source: { canManageChannel: false },
    });
  });

  it('tells the core that a member with Manage Channels can', async () => {
    const permissions = String(BigInt(MEMBER_PERMISSIONS) | 16n);
    const { event } = await run(
      'rebound',
      [opt.sub('config', [opt.string('setting', 'connect'), opt.string('value', 'off')])],
      permissions,
    );
    expect(event).toMatchObject({
      command: 'rebound config',
      values: { setting: 'connect', value: 'off' },
      source: { canManageChannel: true },
    });
  });

  it('declares no default member permissions on /rebound, so everyone can still join', () => {
    const rebound = COMMAND_DEFINITIONS.find((c) => c.name === 'rebound');
    expect(rebound?.default_member_permissions ?? null).toBeNull();
  });
});

describe('timezone autocomplete', () => {
  it('suggests IANA zones matching what was typed, at most 25, without reaching the core', async () => {
    h = await startHarness();
    h.feed(
      autocomplete('rebound', [
        { type: 1, name: 'timezone', options: [{ type: 3, name: 'timezone', value: 'berl', focused: true }] },
      ]),
    );
    const call = await h.rest.waitForCall('POST', /\/callback$/);
    const body = callbackData(call) as { type: number; data: { choices: { name: string; value: string }[] } };
    expect(body.type).toBe(8);
    expect(body.data.choices.map((c) => c.value)).toContain('Europe/Berlin');
    expect(h.handler.events).toHaveLength(0);
  });

  it('offers at most 25 choices for a broad prefix, matches on the city too, and knows UTC', async () => {
    h = await startHarness();
    const ask = async (typed: string) => {
      const before = h!.rest.callsTo('POST', /\/callback$/).length;
      h!.feed(
        autocomplete('rebound', [
          { type: 1, name: 'setup', options: [{ type: 3, name: 'timezone', value: typed, focused: true }] },
        ]),
      );
      await h!.rest.waitFor(() => h!.rest.callsTo('POST', /\/callback$/).length > before);
      const call = h!.rest.callsTo('POST', /\/callback$/)[before];
      return (call!.body as { data: { choices: { value: string }[] } }).data.choices.map((c) => c.value);
    };
    const america = await ask('America');
    expect(america).toHaveLength(25);
    expect(america.every((z) => z.startsWith('America/'))).toBe(true);
    expect(await ask('new york')).toEqual(['America/New_York']);
    expect(await ask('utc')).toContain('UTC');
  });
});

describe('company autocomplete', () => {
  it('asks the core for the member’s own companies and offers what it answers', async () => {
    h = await startHarness();
    h.handler.suggestions = [
      { value: 'Acme', label: 'Acme' },
      { value: 'Acme Labs', label: 'Acme Labs' },
    ];
    h.feed(autocomplete('interview', [{ type: 3, name: 'company', value: 'ac', focused: true }]));
    const call = await h.rest.waitForCall('POST', /\/callback$/);
    const body = callbackData(call) as { type: number; data: { choices: { name: string; value: string }[] } };
    expect(body.type).toBe(8);
    expect(body.data.choices.map((c) => c.value)).toEqual(['Acme', 'Acme Labs']);
    expect(h.handler.suggestRequests).toMatchObject([{ command: 'interview', field: 'company', text: 'ac' }]);
    expect(h.handler.suggestRequests[0]?.source.actor.userId).toBeTruthy();
    // Asking is no event: nothing is handled, nobody is enrolled.
    expect(h.handler.events).toHaveLength(0);
  });

  it('declares autocomplete on the company of /stage, /interview and /feedback only', () => {
    const companyOf = (name: string) =>
      (COMMAND_DEFINITIONS.find((c) => c.name === name)?.options ?? []).find((o) => o.name === 'company');
    for (const name of ['stage', 'interview', 'feedback']) {
      const option = companyOf(name);
      expect(option && 'autocomplete' in option ? option.autocomplete : false, name).toBe(true);
    }
    const applied = companyOf('applied');
    expect(applied && 'autocomplete' in applied ? applied.autocomplete : false).toBe(false);
  });
});
