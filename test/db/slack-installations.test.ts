/** Slack OAuth installations on every store: one per workspace, the bot token never stored in the clear. */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createSecretBox } from '../../src/secret-box.ts';
import { describeEachStore, type TestStore } from '../helpers/stores.ts';

const box = createSecretBox(randomBytes(32));
const T1 = {
  teamId: 'T1',
  enterpriseId: null,
  botToken: 'xoxb-1-first-token',
  botId: 'B1',
  botUserId: 'UB1',
  refreshToken: null,
  tokenExpiresAt: null,
};
const at = (iso: string) => new Date(iso);

describeEachStore('Slack installations', (open) => {
  let s: TestStore;
  beforeEach(async () => (s = await open()));
  afterEach(() => s.close());

  it('finds the installation saved for a workspace, and none for another', async () => {
    const installations = s.slackInstallations(box);
    await installations.save(T1, at('2026-12-01T09:00:00Z'));
    expect(await installations.find('T1')).toEqual({
      ...T1,
      installedAt: at('2026-12-01T09:00:00Z'),
      updatedAt: at('2026-12-01T09:00:00Z'),
      removedAt: null,
    });
    expect(await installations.find('T2')).toBeNull();
  });

  it('keeps the token sealed in the row: the raw row holds neither the token nor a part of it', async () => {
    await s.slackInstallations(box).save(T1, at('2026-12-01T09:00:00Z'));
    const rows = await s.rows('SELECT * FROM slack_installations');
    expect(rows).toHaveLength(1);
    const raw = JSON.stringify(rows);
    expect(raw).not.toContain('xoxb');
    expect(raw).not.toContain('first-token');
    expect(String(rows[0]?.['bot_token'])).toMatch(/^v1\./);
  });

  it('replaces the token on a reinstall and keeps when the workspace first installed', async () => {
    const installations = s.slackInstallations(box);
    await installations.save(T1, at('2026-12-01T09:00:00Z'));
    await installations.save({ ...T1, botToken: 'xoxb-1-second-token' }, at('2026-12-05T09:00:00Z'));
    expect(await installations.find('T1')).toMatchObject({
      botToken: 'xoxb-1-second-token',
      installedAt: at('2026-12-01T09:00:00Z'),
      updatedAt: at('2026-12-05T09:00:00Z'),
    });
  });

  it('refuses to read a token with another key, or one copied into another workspace row', async () => {
    await s.slackInstallations(box).save(T1, at('2026-12-01T09:00:00Z'));
    await s.slackInstallations(box).save({ ...T1, teamId: 'T2', botToken: 'xoxb-2' }, at('2026-12-01T09:00:00Z'));
    await expect(s.slackInstallations(createSecretBox(randomBytes(32))).find('T1')).rejects.toThrow(/another key/);
    const [first] = await s.rows("SELECT bot_token FROM slack_installations WHERE team_id = 'T1'");
    await s.rows("UPDATE slack_installations SET bot_token = ? WHERE team_id = 'T2'", [String(first?.['bot_token'])]);
    await expect(s.slackInstallations(box).find('T2')).rejects.toThrow(/belongs elsewhere/);
  });

  it('keeps a rotating token and its refresh token sealed, and replaces both on a refresh', async () => {
    const installations = s.slackInstallations(box);
    const rotating = {
      ...T1,
      botToken: 'xoxe.xoxb-1-a',
      refreshToken: 'xoxe-1-refresh-a',
      tokenExpiresAt: at('2026-12-01T21:00:00Z'),
    };
    await installations.save(rotating, at('2026-12-01T09:00:00Z'));
    expect(JSON.stringify(await s.rows('SELECT * FROM slack_installations'))).not.toContain('refresh-a');
    const fresh = {
      botToken: 'xoxe.xoxb-1-b',
      refreshToken: 'xoxe-1-refresh-b',
      tokenExpiresAt: at('2026-12-02T09:00:00Z'),
    };
    expect(await installations.saveRefreshed('T1', fresh, at('2026-12-01T20:00:00Z'))).toBe(true);
    expect(await installations.find('T1')).toMatchObject({ ...fresh, updatedAt: at('2026-12-01T20:00:00Z') });
    expect(await installations.saveRefreshed('T2', fresh, at('2026-12-01T20:00:00Z'))).toBe(false);
  });

  it('marks an uninstalled workspace removed, refreshes it no more, and a reinstall brings it back', async () => {
    const installations = s.slackInstallations(box);
    await installations.save(T1, at('2026-12-01T09:00:00Z'));
    await installations.markRemoved('T1', at('2026-12-03T09:00:00Z'));
    expect(await installations.find('T1')).toMatchObject({ removedAt: at('2026-12-03T09:00:00Z') });
    const fresh = { botToken: 'xoxb-x', refreshToken: 'xoxe-1-x', tokenExpiresAt: at('2026-12-04T09:00:00Z') };
    expect(await installations.saveRefreshed('T1', fresh, at('2026-12-03T10:00:00Z'))).toBe(false);
    await installations.save({ ...T1, botToken: 'xoxb-1-again' }, at('2026-12-10T09:00:00Z'));
    expect(await installations.find('T1')).toMatchObject({ botToken: 'xoxb-1-again', removedAt: null });
  });
});
