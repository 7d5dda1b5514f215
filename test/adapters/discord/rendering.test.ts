import { describe, expect, it } from 'vitest';
import type { Button } from '../../../src/core/messages.ts';
import { CUSTOM_ID_MAX, decodeCustomId, encodeCustomId } from '../../../adapters/discord/custom-ids.ts';
import { escapeMentions, renderMessage, renderModal } from '../../../adapters/discord/rendering.ts';

describe('custom ids', () => {
  it('in a guild are the action id as it is', () => {
    expect(encodeCustomId('fu:done:42')).toBe('fu:done:42');
    expect(decodeCustomId('fu:done:42')).toEqual({ id: 'fu:done:42' });
  });

  it('in a DM carry the guild and give back both, for the largest snowflakes too', () => {
    for (const guild of ['290926798626357999', '18446744073709551615', '1']) {
      const encoded = encodeCustomId('fu:snooze:2d:9007199254740991:Ünïcode-ok_|x', guild);
      expect(decodeCustomId(encoded)).toEqual({
        workspaceId: guild,
        id: 'fu:snooze:2d:9007199254740991:Ünïcode-ok_|x',
      });
    }
  });

  it('refuse to grow past what Discord accepts instead of being cut', () => {
    expect(encodeCustomId('x'.repeat(85), '18446744073709551615').length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
    expect(() => encodeCustomId('x'.repeat(90), '18446744073709551615')).toThrow(RangeError);
  });
});

describe('rendering', () => {
  it('neutralises everyone, here, user, role and channel mentions in text', () => {
    const text = escapeMentions('hi @everyone and @here <@123> <@!456> <@&789> <#101>');
    expect(text).not.toMatch(/@everyone|@here|<@!?\d|<@&\d|<#\d/);
    expect(text.replace(/\u200b/g, '')).toBe('hi @everyone and @here <@123> <@!456> <@&789> <#101>');
  });

  it('puts more than five buttons on further rows, and at most five rows', () => {
    const buttons: Button[] = Array.from({ length: 30 }, (_, i) => ({ actionId: `b:${i}`, label: `B${i}` }));
    const rendered = renderMessage({ blocks: [{ type: 'buttons', buttons }] });
    expect(rendered.components.map((row) => row.components.length)).toEqual([5, 5, 5, 5, 5]);
  });

  it('shows fields as bold labels and a divider as a rule', () => {
    const rendered = renderMessage({
      blocks: [{ type: 'fields', fields: [{ label: 'Applications', value: '3 of 5' }] }, { type: 'divider' }],
    });
    expect(rendered.content).toBe('**Applications:** 3 of 5\n───');
  });

  it('keeps modal titles and labels within Discord limits, and at most five inputs', () => {
    const modal = renderModal({
      formId: 'checkin:2026-11-26',
      title: 'A check-in form with a title far longer than Discord allows',
      submitLabel: 'Send',
      fields: Array.from({ length: 7 }, (_, i) => ({
        id: `f${i}`,
        label: `A rather long label for field number ${i} of this form`,
        kind: 'short' as const,
        required: false,
      })),
    });
    expect(modal.title.length).toBeLessThanOrEqual(45);
    expect(modal.components).toHaveLength(5);
    for (const c of modal.components) expect('label' in c && c.label.length <= 45).toBe(true);
  });

  it('shows what an edit form holds: text inputs with their value, a choice with its default', () => {
    const modal = renderModal({
      formId: 'appedit:7',
      title: 'Edit',
      submitLabel: 'Save',
      fields: [
        { id: 'company', label: 'Company', kind: 'short', required: true, initial: 'Acme' },
        { id: 'link', label: 'Link', kind: 'short', required: false, initial: '' },
        {
          id: 'visibility',
          label: 'Visibility',
          kind: 'choice',
          required: true,
          initial: 'counts',
          choices: [
            { value: 'shared', label: 'shared' },
            { value: 'counts', label: 'counts' },
          ],
        },
      ],
    });
    const [company, link, visibility] = modal.components.map((c) => ('component' in c ? c.component : null));
    expect(company && 'value' in company ? company.value : undefined).toBe('Acme');
    expect(link && 'value' in link ? link.value : undefined).toBeUndefined();
    const options = visibility && 'options' in visibility ? visibility.options : [];
    expect(options.map((o) => [o.value, o.default ?? false])).toEqual([
      ['shared', false],
      ['counts', true],
    ]);
  });
});
