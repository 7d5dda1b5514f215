/**
 * The App Home tab kept current through the real Slack adapter and core: after a slash command, a
 * button pressed outside the tab and a nudge the scheduler sent, the member's home is published
 * again with the change, at most once per spacing; someone in no group and a replayed command
 * publish nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DOCUMENTED_REACTION_ADDED } from '../../fakes/slack-payloads.ts';
import type { RecordedCall } from '../../fakes/slack-web-api.ts';
import { buttonIds, DAY, startSlackWithCore, type SlackWithCore } from './with-core.ts';
import { sleep, until } from '../../helpers/until.ts';

/** Short, so the tests do not wait Slack's real few seconds; long enough to tell a burst apart. */
const SPACING_MS = 1500;

let h: SlackWithCore | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const blockText = (call: RecordedCall) => JSON.stringify((call.params['view'] as { blocks: unknown[] }).blocks);
const publishesTo = (user: string) =>
  h?.rig.api.callsTo('views.publish').filter((c) => c.params['user_id'] === user) ?? [];
/** The first publish to `user` whose blocks satisfy `test`. */
const publishWhere = (user: string, test: (blocks: string) => boolean) => () =>
  publishesTo(user).find((c) => test(blockText(c)));

let nextEvent = 0;
function homeOpened(user: string) {
  return {
    ...DOCUMENTED_REACTION_ADDED,
    team_id: 'T1',
    event_id: `EvRefresh${++nextEvent}`,
    event: { type: 'app_home_opened', user, channel: 'D1', tab: 'home', event_ts: '1.2' },
  };
}

async function start(): Promise<SlackWithCore> {
  h = await startSlackWithCore({ adapter: { homeSpacingMs: SPACING_MS } });
  return h;
}

/** Lets any publish still spaced go out, then forgets every call: what follows starts clean. */
async function settle(rig: SlackWithCore): Promise<void> {
  await sleep(SPACING_MS + 300);
  rig.rig.api.reset();
}

/** The nudge the sweep sent to U1 by DM, once the feedback request of a rejection fell due. */
async function nudgeSent(rig: SlackWithCore): Promise<RecordedCall> {
  rig.clock.advance(2 * DAY);
  await rig.rebound.sweep();
  const dm = rig.rig.api.callsTo('chat.postMessage').find((c) => String(c.response['channel']).startsWith('D'));
  if (!dm) throw new Error('no nudge was sent by DM');
  return dm;
}

describe('the App Home tab, refreshed after what changes it', () => {
  it('publishes the home again after a slash command logs an application, with the application in it', async () => {
    const rig = await start();
    await rig.rig.slack.event(homeOpened('U1'));
    const first = await until('the home opened', () => publishesTo('U1')[0]);
    expect(blockText(first)).toContain('No applications under way');
    await rig.command('U1', '/applied', 'Acme | SRE');
    const again = await until(
      'the home published with the application',
      publishWhere('U1', (blocks) => blocks.includes('Your applications under way: applied 1')),
    );
    expect(publishesTo('U1').indexOf(again)).toBe(1);
  }, 15_000);

  it('publishes the home again without the step after Done is pressed on a nudge in a DM', async () => {
    const rig = await start();
    await rig.rig.slack.event(homeOpened('U1'));
    await settle(rig);
    await rig.command('U1', '/rejected', 'Acme | SRE | interview');
    await settle(rig);
    const dm = await nudgeSent(rig);
    const done = buttonIds(dm).find((id) => id.startsWith('fu:done:'));
    if (!done) throw new Error('the nudge has no Done button');
    await settle(rig);

    await rig.click('U1', done, { channel: String(dm.response['channel']), ts: String(dm.response['ts']) });
    expect((await rig.store.followUps.get(Number(done.split(':')[2])))?.status).toBe('done');
    const again = await until('the home published after Done', () => publishesTo('U1')[0]);
    expect(blockText(again)).toContain('Your Rebound home');
    expect(blockText(again)).not.toContain(done);
    // The press was answered where it happened, as before: the nudge replaced.
    expect(rig.rig.api.callsTo('response_url').at(-1)?.params['replace_original']).toBe(true);
  }, 20_000);

  it('folds a burst of commands into at most one publish per spacing, the last showing them all', async () => {
    const rig = await start();
    await rig.rig.slack.event(homeOpened('U1'));
    await settle(rig);
    const companies = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli'];
    const began = Date.now();
    await Promise.all(companies.map((company) => rig.command('U1', '/applied', `${company} | SRE`)));
    const elapsed = Date.now() - began;
    await until(
      'the home with every application',
      publishWhere('U1', (blocks) => blocks.includes('applied 5')),
    );
    await sleep(SPACING_MS + 300);
    const publishes = publishesTo('U1');
    expect(publishes.length).toBeGreaterThanOrEqual(1);
    expect(publishes.length).toBeLessThanOrEqual(1 + Math.ceil(elapsed / SPACING_MS));
    expect(publishes.length).toBeLessThan(companies.length);
    expect(blockText(publishes.at(-1)!)).toContain('applied 5');
  }, 20_000);

  it('publishes nothing after a nudge to a member who never opened the Home tab', async () => {
    const rig = await start();
    await rig.command('U1', '/rejected', 'Acme | SRE | interview');
    await settle(rig);
    await nudgeSent(rig);
    await sleep(SPACING_MS + 300);
    expect(publishesTo('U1')).toEqual([]);
    expect(rig.rig.api.callsTo('users.info')).toEqual([]);
  }, 15_000);

  it('publishes the home with the step due after the scheduler sends its nudge, and the sweep still succeeds', async () => {
    const rig = await start();
    await rig.rig.slack.event(homeOpened('U1'));
    await rig.command('U1', '/rejected', 'Acme | SRE | interview');
    await settle(rig);
    const dm = await nudgeSent(rig);
    expect(dm.response['ok']).toBe(true);
    const done = buttonIds(dm).find((id) => id.startsWith('fu:done:')) ?? 'no Done button';
    const home = await until('the home published after the nudge', () => publishesTo('U1')[0]);
    expect(blockText(home)).toContain('Ask for feedback at Acme');
    expect(blockText(home)).toContain(done);
  }, 20_000);

  it('logs a warning when the home cannot be published after a nudge, and the nudge still counts as sent', async () => {
    const rig = await start();
    await rig.rig.slack.event(homeOpened('U1'));
    await rig.command('U1', '/rejected', 'Acme | SRE | interview');
    await settle(rig);
    rig.rig.api.failNext('views.publish', { error: 'internal_error' });
    const dm = await nudgeSent(rig);
    const done = buttonIds(dm).find((id) => id.startsWith('fu:done:')) ?? '';
    await until('the warning', () =>
      rig.rig.logger.lines.find((l) => l.level === 'warn' && l.message === 'could not publish the home tab'),
    );
    expect(publishesTo('U1').map((c) => c.response['ok'])).toEqual([false]);
    const step = await rig.store.followUps.get(Number(done.split(':')[2]));
    expect(step?.status).toBe('pending');
    // Sent once: the failed publish did not make the sweep try the nudge again.
    rig.clock.advance(60_000);
    await rig.rebound.sweep();
    const nudges = rig.rig.api.callsTo('chat.postMessage').filter((c) => buttonIds(c).includes(done));
    expect(nudges).toHaveLength(1);
  }, 15_000);

  it('publishes the home with the planned steps after the rejection form is submitted, and not after field errors', async () => {
    const rig = await start();
    await rig.rig.slack.event(homeOpened('U1'));
    await settle(rig);
    await rig.command('U1', '/rejected', '', 'tForm');
    const view = rig.rig.api.callsTo('views.open')[0]?.params['view'] as {
      callback_id: string;
      private_metadata: string;
    };
    await settle(rig);
    const submit = (company: string) =>
      rig.submit('U1', view, 'Rejection', {
        company: { type: 'plain_text_input', value: company },
        role: { type: 'plain_text_input', value: 'SRE' },
      });
    expect(JSON.parse((await submit('')).text)).toMatchObject({ response_action: 'errors' });
    await sleep(300);
    expect(publishesTo('U1')).toEqual([]);
    await submit('Acme');
    const home = await until('the home published after the submission', () => publishesTo('U1')[0]);
    expect(blockText(home)).toContain('Your Rebound home');
    expect(blockText(home)).not.toContain('No open follow-ups');
  }, 15_000);

  it('publishes nothing after a command by someone in no group', async () => {
    const rig = await start();
    await rig.rig.slack.event(homeOpened('U1'));
    await rig.rig.slack.event(homeOpened('U2'));
    await settle(rig);
    await rig.command('U2', '/rebound', 'help');
    await rig.command('U1', '/rebound', 'help');
    // U1's publish shows the refreshing is under way; U2's would have gone out as fast.
    await until('the member’s home', () => publishesTo('U1')[0]);
    await sleep(300);
    expect(publishesTo('U2')).toEqual([]);
  }, 15_000);

  it('publishes nothing after a command by a member who never opened the Home tab: opening it publishes it', async () => {
    const rig = await start();
    await settle(rig);
    await rig.command('U1', '/applied', 'Acme | SRE');
    await sleep(SPACING_MS + 300);
    expect(publishesTo('U1')).toEqual([]);
    await rig.rig.slack.event(homeOpened('U1'));
    const home = await until('the home published on opening', () => publishesTo('U1')[0]);
    expect(blockText(home)).toContain('Acme');
  }, 15_000);

  it('publishes nothing after a replayed command', async () => {
    const rig = await start();
    await rig.rig.slack.event(homeOpened('U1'));
    await settle(rig);
    await rig.command('U1', '/applied', 'Acme | SRE', 'tReplayed');
    await until('the home after the first command', () => publishesTo('U1')[0]);
    await rig.command('U1', '/applied', 'Acme | SRE', 'tReplayed');
    await sleep(SPACING_MS + 500);
    expect(publishesTo('U1')).toHaveLength(1);
  }, 15_000);
});
