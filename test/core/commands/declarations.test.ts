/** One declaration per command drives every way in: text, Discord options, forms and help. */
import { ApplicationCommandOptionType, type ChatInputCommandInteraction } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { commandOf, optionsOf, valuesOf } from '../../../adapters/discord/commands.ts';
import { ALL_COMMANDS, COMMANDS, type CommandDeclaration } from '../../../src/core/commands/declarations.ts';
import { formOf } from '../../../src/core/commands/forms.ts';
import { parseFieldsText } from '../../../src/core/commands/parse-text.ts';
import { InputError, readInput } from '../../../src/core/commands/read-input.ts';
import { parseSlackCommand } from '../../../adapters/slack/command-text.ts';
import { createWorld, replyText, type World } from '../../helpers/world.ts';

/** `/applied` with one more field, as a maintainer would add it: one edit in the declaration. */
const withSalary: CommandDeclaration = {
  ...COMMANDS.applied,
  fields: [
    ...COMMANDS.applied.fields,
    {
      id: 'salary',
      kind: 'integer',
      label: 'Salary offered, in thousands',
      required: false,
      min: 0,
      max: 10_000,
      example: '120',
    },
  ],
};

/** What discord.js hands us for a used command: its options by name (the only part read). */
function discordInteraction(options: { name: string; type: number; value: string | number }[]) {
  return { options: { data: options } } as unknown as ChatInputCommandInteraction;
}

describe('a field added to a declaration', () => {
  it('is parsed from Slack-style text and read into the typed input', () => {
    const { values, problems } = parseFieldsText(withSalary, 'Acme | SRE | https://acme.example/jobs/1 | 120');
    expect(problems).toEqual([]);
    expect(readInput(withSalary, values)).toEqual({
      company: 'Acme',
      role: 'SRE',
      link: 'https://acme.example/jobs/1',
      salary: 120,
    });
  });

  it('is registered as a typed Discord option and read back by name', () => {
    const salary = optionsOf(withSalary).find((o) => o.name === 'salary');
    expect(salary).toMatchObject({ type: ApplicationCommandOptionType.Integer, min_value: 0, max_value: 10_000 });
    const values = valuesOf(
      withSalary,
      discordInteraction([
        { name: 'role', type: 3, value: 'SRE' },
        { name: 'salary', type: 4, value: 120 },
        { name: 'company', type: 3, value: 'Acme' },
      ]),
    );
    expect(readInput(withSalary, values)).toMatchObject({ company: 'Acme', role: 'SRE', salary: 120 });
  });

  it('is in the form', () => {
    expect(formOf(withSalary).fields.map((f) => [f.id, f.kind])).toEqual([
      ['company', 'short'],
      ['role', 'short'],
      ['link', 'short'],
      ['salary', 'number'],
    ]);
  });

  it('is checked like the others: a bad value is named with its label', () => {
    const { values } = parseFieldsText(withSalary, 'Acme | SRE | | lots');
    expect(() => readInput(withSalary, values)).toThrow(
      'Salary offered, in thousands is a whole number from 0 to 10000.',
    );
  });
});

describe('every declared command', () => {
  it('has a Discord command or subcommand that reads back as itself', () => {
    for (const command of ALL_COMMANDS) {
      const [slash = '', ...words] = command.id.split(' ');
      expect(commandOf(slash, words.length ? words.join('-') : null)?.id).toBe(command.id);
    }
  });

  it('has fields with unique ids that Discord accepts as option names', () => {
    for (const command of ALL_COMMANDS) {
      const ids = command.fields.map((f) => f.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[-_a-z0-9]{1,32}$/);
    }
  });

  it('is reached from Slack text by its words', () => {
    expect(parseSlackCommand('/rebound', 'config admin add <@U2|bob>')).toMatchObject({
      command: 'rebound config admin',
      values: { action: 'add', user: { kind: 'user', userId: 'U2' } },
    });
    expect(parseSlackCommand('/rebound', 'setup Europe/Berlin mon-fri')).toMatchObject({
      command: 'rebound setup',
      values: { timezone: 'Europe/Berlin', days: 'mon-fri' },
    });
    expect(parseSlackCommand('/rebound', 'bogus')).toMatchObject({ command: 'rebound help', unknown: 'bogus' });
    expect(parseSlackCommand('/nope', 'x')).toBeNull();
  });

  it('leaves out an optional field before a required one when the parts given are needed by the required ones', () => {
    expect(parseFieldsText(COMMANDS.stage, 'Acme | offer').values).toEqual({ company: 'Acme', stage: 'offer' });
    expect(parseFieldsText(COMMANDS.stage, 'Acme | SRE | offer').values).toEqual({
      company: 'Acme',
      role: 'SRE',
      stage: 'offer',
    });
    expect(parseFieldsText(COMMANDS.stage, 'Acme').values).toEqual({ company: 'Acme' });
    // Commands whose optional fields all come last read as before.
    expect(parseFieldsText(COMMANDS.rejected, 'Acme | final').values).toEqual({ company: 'Acme', role: 'final' });
  });
});

describe('bad input through the core', () => {
  let h: World;
  afterEach(() => h.close());

  it('names every bad field at once, with an example, and stores nothing', async () => {
    h = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await h.command('alice', 'rebound', 'setup 09:00 Europe/Berlin');
    const text = replyText(await h.command('alice', 'applied', `${'x'.repeat(101)} |  | ftp://nope`));
    expect(text).toContain('That company is too long: 100 characters at most.');
    expect(text).toContain('Please give a role.');
    expect(text).toContain('Links start with https://');
    expect(text).toContain('For example: /applied Acme | Backend Engineer');
    expect(h.chat.sent.filter((s) => s.kind === 'channel' && /applied for/.test(s.text))).toEqual([]);
  });

  it('answers a form with every bad field beside its field', async () => {
    h = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    await h.command('alice', 'rebound', 'setup 09:00 Europe/Berlin');
    const reply = await h.rebound.handle({
      kind: 'form-submit',
      source: h.source('alice'),
      formId: 'rejected',
      fields: { company: '', role: 'SRE', stage: 'lunch', note: '' },
    });
    expect(reply).toEqual({
      type: 'form-errors',
      errors: {
        company: 'Please give a company.',
        stage: '"lunch" is not a stage I know. Use one of: applied, screen, interview, final, offer.',
      },
    });
  });

  it('says an unknown /rebound word is unknown, then shows help listing every command', async () => {
    h = createWorld({ start: new Date('2026-11-25T12:00:00Z') });
    const text = replyText(await h.command('alice', 'rebound', 'frobnicate'));
    expect(text.split('\n')[0]).toBe('"frobnicate" is not a /rebound command I know.');
    for (const command of ALL_COMMANDS) expect(text).toContain(`/${command.id}`);
  });

  it('reads one problem as one sentence, with the example below it', () => {
    const error = new InputError([{ field: 'company', message: 'Please give a company.' }], '/applied Acme | SRE');
    expect(error.text).toBe('Please give a company.\nFor example: /applied Acme | SRE');
  });
});
