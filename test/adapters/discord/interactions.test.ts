import { afterEach, describe, expect, it, vi } from 'vitest';
import { APOLOGY } from '../../../src/core/create-rebound.ts';
import { privateText, textMessage, type Form, type Message } from '../../../src/core/messages.ts';
import { encodeCustomId } from '../../../adapters/discord/custom-ids.ts';
import { BOB, buttonClick, command, GUILD_ID, modalSubmit, opt } from '../../fakes/discord-packets.ts';
import type { RecordedCall } from '../../fakes/discord-rest.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

interface Callback {
  type: number;
  data: Record<string, unknown> & { components?: unknown[] };
}
const body = (call: RecordedCall) => call.body as Callback;

const rejectedForm: Form = {
  formId: 'rejected',
  title: 'Log a rejection',
  submitLabel: 'Save',
  fields: [
    { id: 'company', label: 'Company', kind: 'short', required: true, maxLength: 100 },
    { id: 'role', label: 'Role', kind: 'short', required: false, maxLength: 100 },
    {
      id: 'stage',
      label: 'Stage reached',
      kind: 'choice',
      required: true,
      choices: [
        { value: 'applied', label: 'After applying' },
        { value: 'interview', label: 'Interview' },
      ],
    },
    { id: 'note', label: 'Note', kind: 'long', required: false, maxLength: 1000 },
  ],
};

const nudge: Message = {
  blocks: [
    { type: 'text', text: 'Time to ask Acme for feedback.' },
    {
      type: 'buttons',
      buttons: [
        { actionId: 'fu:done:42', label: 'Done', style: 'primary' },
        { actionId: 'fu:snooze:42', label: 'Snooze 2d' },
        { actionId: 'fu:skip:42', label: 'Skip' },
      ],
    },
  ],
};

describe('forms', () => {
  it('/rejected with no options opens the form as a modal with labelled inputs and a select for the stage', async () => {
    h = await startHarness();
    h.handler.replyWith({ type: 'form', form: rejectedForm });
    h.feed(command('rejected'));
    const callback = body(await h.rest.waitForCall('POST', /\/callback$/));
    expect(callback.type).toBe(9);
    expect(callback.data).toMatchObject({ custom_id: 'rejected', title: 'Log a rejection' });
    expect(callback.data.components).toEqual([
      {
        type: 18,
        label: 'Company',
        component: { type: 4, custom_id: 'company', style: 1, required: true, max_length: 100 },
      },
      {
        type: 18,
        label: 'Role',
        component: { type: 4, custom_id: 'role', style: 1, required: false, max_length: 100 },
      },
      {
        type: 18,
        label: 'Stage reached',
        component: {
          type: 3,
          custom_id: 'stage',
          required: true,
          min_values: 1,
          max_values: 1,
          options: [
            { label: 'After applying', value: 'applied' },
            { label: 'Interview', value: 'interview' },
          ],
        },
      },
      {
        type: 18,
        label: 'Note',
        component: { type: 4, custom_id: 'note', style: 2, required: false, max_length: 1000 },
      },
    ]);
  });

  it('a submission dispatched twice (the same interaction id) reaches the core once and is answered once', async () => {
    h = await startHarness();
    const packet = modalSubmit(
      'rejected',
      { company: 'Acme', role: '', stage: 'interview', note: '' },
      { selects: ['stage'] },
    );
    h.feed(packet);
    h.feed(packet);
    await h.rest.waitForCall('POST', /\/callback$/);
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(h.handler.events).toHaveLength(1);
    expect(h.rest.calls.filter((call) => call.path.endsWith('/callback'))).toHaveLength(1);
    expect(h.logger.lines).toContainEqual(expect.objectContaining({ message: 'duplicate interaction ignored' }));
  });

  it('a submitted modal (current layout, inputs in labels) reaches the core as a form submission with every field', async () => {
    h = await startHarness();
    h.feed(
      modalSubmit(
        'rejected',
        { company: 'Acme', role: '', stage: 'interview', note: 'They chose an internal candidate' },
        { selects: ['stage'] },
      ),
    );
    const callback = body(await h.rest.waitForCall('POST', /\/callback$/));
    expect(h.handler.last()).toMatchObject({
      kind: 'form-submit',
      formId: 'rejected',
      fields: { company: 'Acme', role: '', stage: 'interview', note: 'They chose an internal candidate' },
      source: { workspaceId: GUILD_ID },
    });
    expect(callback).toMatchObject({ type: 4, data: { flags: 64, content: 'ok' } });
  });

  it('a submitted modal in the older layout (inputs in action rows) is read the same way', async () => {
    h = await startHarness();
    h.feed(
      modalSubmit(
        'checkin:2026-11-26',
        { applications: '2', networking: '1', followups: '0', note: 'Quiet day' },
        { layout: 'row' },
      ),
    );
    await h.rest.waitForCall('POST', /\/callback$/);
    expect(h.handler.last()).toMatchObject({
      formId: 'checkin:2026-11-26',
      fields: { applications: '2', networking: '1', followups: '0', note: 'Quiet day' },
    });
  });

  it('bad fields get a private list of the problems, named by the labels the person saw', async () => {
    h = await startHarness();
    h.handler.replyWith(
      { type: 'form', form: rejectedForm },
      {
        type: 'form-errors',
        errors: { company: 'Say which company (1–100 characters).', stage: 'Pick the stage you reached.' },
      },
    );
    h.feed(command('rejected'));
    await h.rest.waitForCall('POST', /\/callback$/);
    h.feed(modalSubmit('rejected', { company: '', role: '', stage: '', note: '' }, { selects: ['stage'] }));
    await h.rest.waitFor(() => h!.rest.callsTo('POST', /\/callback$/).length === 2);
    const answer = body(h.rest.callsTo('POST', /\/callback$/)[1]!);
    expect(answer.type).toBe(4);
    expect(answer.data['flags']).toBe(64);
    expect(answer.data['content']).toBe(
      'Nothing was saved. Please fix this and send the form again:\n• Company: Say which company (1–100 characters).\n• Stage reached: Pick the stage you reached.',
    );
  });

  it('a form asked for from a modal submission (which cannot open another modal) gets a private explanation', async () => {
    h = await startHarness();
    h.handler.replyWith({ type: 'form', form: rejectedForm });
    h.feed(modalSubmit('rejected', { company: 'Acme' }));
    const answer = body(await h.rest.waitForCall('POST', /\/callback$/));
    expect(answer).toMatchObject({ type: 4, data: { flags: 64 } });
  });
});

describe('buttons', () => {
  it('the owner pressing Done replaces the nudge in place and can add a private note', async () => {
    h = await startHarness();
    const done: Message = { blocks: [{ type: 'text', text: '✅ Asked Acme for feedback.' }] };
    h.handler.replyWith({
      type: 'replace',
      message: done,
      privateNote: textMessage('Nice. I will check back in a week.'),
    });
    h.feed(buttonClick('fu:done:42', { messageId: '1320000000000000042' }));
    const callback = body(await h.rest.waitForCall('POST', /\/callback$/));
    expect(h.handler.last()).toMatchObject({
      kind: 'button',
      actionId: 'fu:done:42',
      messageId: '1320000000000000042',
      source: { workspaceId: GUILD_ID },
    });
    expect(callback.type).toBe(7);
    expect(callback.data).toMatchObject({
      content: '✅ Asked Acme for feedback.',
      components: [],
      allowed_mentions: { parse: [], users: [] },
    });
    const note = await h.rest.waitForCall('POST', /^\/webhooks\/\d+\/[^/]+$/);
    expect(note.body).toMatchObject({ content: 'Nice. I will check back in a week.', flags: 64 });
  });

  it("someone else's click on a nudge (or a stale button) gets the core's explanation privately, the message untouched", async () => {
    h = await startHarness();
    h.handler.replyWith(privateText('This follow-up belongs to someone else.'));
    h.feed(buttonClick('fu:done:42', { user: BOB }));
    const callback = body(await h.rest.waitForCall('POST', /\/callback$/));
    expect(h.handler.last()?.source.actor.userId).toBe(BOB.id);
    expect(callback).toEqual({
      type: 4,
      data: expect.objectContaining({ flags: 64, content: 'This follow-up belongs to someone else.' }),
    });
    expect(h.rest.callsTo('PATCH', /messages/)).toHaveLength(0);
  });

  it('a button on a private answer (from /followups) reaches the core without a message id to update', async () => {
    h = await startHarness();
    h.feed(buttonClick('fu:skip:42', { ephemeral: true }));
    await h.rest.waitForCall('POST', /\/callback$/);
    expect(h.handler.last()).toMatchObject({ kind: 'button', actionId: 'fu:skip:42' });
    expect(h.handler.last()).not.toHaveProperty('messageId');
  });

  it('a button in a DM carries its guild, so the click reaches the core scoped to that guild', async () => {
    h = await startHarness();
    h.feed(buttonClick(encodeCustomId('fu:snooze:42', GUILD_ID), { guildId: null, channelId: '319674150115610528' }));
    await h.rest.waitForCall('POST', /\/callback$/);
    expect(h.handler.last()).toMatchObject({
      kind: 'button',
      actionId: 'fu:snooze:42',
      source: { workspaceId: GUILD_ID, channelId: '319674150115610528' },
    });
    expect(h.handler.last()?.source.canManageChannel).toBeUndefined();
  });

  it('a DM button that carries no guild is explained and never reaches the core', async () => {
    h = await startHarness();
    h.feed(buttonClick('fu:done:42', { guildId: null, channelId: '319674150115610528' }));
    const callback = body(await h.rest.waitForCall('POST', /\/callback$/));
    expect(callback.data).toMatchObject({ flags: 64, content: 'This button no longer works.' });
    expect(h.handler.events).toHaveLength(0);
  });

  it('the Check in button opens the form the core asks for', async () => {
    h = await startHarness();
    h.handler.replyWith({
      type: 'form',
      form: {
        formId: 'checkin:2026-11-26',
        title: 'Check in',
        submitLabel: 'Send',
        fields: [{ id: 'note', label: 'How did it go?', kind: 'long', required: false }],
      },
    });
    h.feed(buttonClick('checkin:open:2026-11-26'));
    const callback = body(await h.rest.waitForCall('POST', /\/callback$/));
    expect(callback).toMatchObject({ type: 9, data: { custom_id: 'checkin:2026-11-26', title: 'Check in' } });
  });

  it('a button the core has nothing to say about is acknowledged silently', async () => {
    h = await startHarness();
    h.handler.replyWith({ type: 'none' });
    h.feed(buttonClick('noop'));
    expect(body(await h.rest.waitForCall('POST', /\/callback$/))).toEqual({ type: 6 });
  });
});

describe('answering in time', () => {
  it('defers a slow command privately, then edits the deferred answer', async () => {
    h = await startHarness({ deferAfterMs: 0 });
    const release = h.handler.holdNext();
    h.feed(command('stats', [opt.boolean('group', true)]));
    const deferral = body(await h.rest.waitForCall('POST', /\/callback$/));
    expect(deferral).toEqual({ type: 5, data: { flags: 64 } });
    release();
    const edit = await h.rest.waitForCall('PATCH', /\/messages\/@original$/);
    expect(edit.body).toMatchObject({ content: 'ok', allowed_mentions: { parse: [], users: [] } });
  });

  it('defers a slow button as an update, then replaces the message', async () => {
    h = await startHarness({ deferAfterMs: 0 });
    h.handler.replyWith({ type: 'replace', message: textMessage('Snoozed until Saturday.') });
    const release = h.handler.holdNext();
    h.feed(buttonClick('fu:snooze:42'));
    expect(body(await h.rest.waitForCall('POST', /\/callback$/))).toEqual({ type: 6 });
    release();
    const edit = await h.rest.waitForCall('PATCH', /\/messages\/@original$/);
    expect(edit.body).toMatchObject({ content: 'Snoozed until Saturday.' });
  });

  it('defers a command given options at the short budget, and one given none (it may open a form) only at the long one', async () => {
    const rig = await startHarness({ deferAfterMs: 60_000, deferQuickAfterMs: 0 });
    h = rig;
    let release = h.handler.holdNext();
    h.feed(command('applied', [opt.string('company', 'Acme'), opt.string('role', 'SRE')]));
    expect(body(await h.rest.waitForCall('POST', /\/callback$/))).toEqual({ type: 5, data: { flags: 64 } });
    release();
    await h.rest.waitForCall('PATCH', /\/messages\/@original$/);
    const callbacks = () => rig.rest.calls.filter((c) => c.method === 'POST' && /\/callback$/.test(c.path));
    release = h.handler.holdNext();
    h.feed(command('checkin'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(callbacks()).toHaveLength(1);
    release();
    for (let i = 0; i < 200 && callbacks().length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(callbacks().map((c) => body(c).type)).toEqual([5, 4]);
  });

  it('does not defer when the core answers in time', async () => {
    h = await startHarness({ deferAfterMs: 60_000 });
    h.feed(command('followups'));
    expect(body(await h.rest.waitForCall('POST', /\/callback$/)).type).toBe(4);
    expect(h.rest.calls.filter((c) => c.method === 'POST' && /\/callback$/.test(c.path))).toHaveLength(1);
  });

  it('shows the core’s apology privately, as it is, when the core answers with one', async () => {
    h = await startHarness();
    h.handler.replyWith(privateText(APOLOGY));
    h.feed(command('followups'));
    const callback = body(await h.rest.waitForCall('POST', /\/callback$/));
    expect(callback).toMatchObject({ type: 4, data: { flags: 64, content: APOLOGY } });
  });

  it('logs a Discord call that fails while sending the reply, and keeps answering the next interaction', async () => {
    h = await startHarness();
    h.rest.failNext('POST', /\/callback$/, { status: 404, body: { message: 'Unknown interaction', code: 10062 } });
    h.feed(command('followups'));
    await vi.waitFor(() =>
      expect(h?.logger.lines).toContainEqual(
        expect.objectContaining({ level: 'error', message: 'could not deliver a reply' }),
      ),
    );
    h.rest.calls.length = 0;
    h.feed(command('stats'));
    expect(body(await h.rest.waitForCall('POST', /\/callback$/))).toMatchObject({ type: 4, data: { content: 'ok' } });
  });
});
