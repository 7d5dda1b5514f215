/**
 * Finding a workspace's installation for a proactive send: one the store cannot read (a token
 * sealed with another key, the database away) is a transient failure, tried again by later
 * sweeps; so is a workspace with no installation (it may install again within the retry window).
 */
import { describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { DeliveryError } from '../../../src/core/errors.ts';
import { createInstallationAccess } from '../../../adapters/slack/oauth.ts';
import type { SlackInstallationRepository } from '../../../adapters/slack/installations.ts';
import { RecordingLogger } from '../../fakes/recording-logger.ts';

function access(find: SlackInstallationRepository['find']) {
  return createInstallationAccess(
    {
      clientId: 'c',
      clientSecret: 's',
      stateSecret: 'state',
      installations: {
        find,
        save: async () => undefined,
        saveRefreshed: async () => false,
        markRemoved: async () => undefined,
      },
      // No token here expires: nothing is refreshed, so no lease is asked for.
      leases: {
        acquire: async () => {
          throw new Error('no lease is needed');
        },
        release: async () => undefined,
      },
    },
    {
      clock: { now: () => new Date() },
      logger: new RecordingLogger(),
      clientOf: (token) => new webApi.WebClient(token),
      onInstalled: async () => undefined,
    },
  );
}

describe('the installation of a workspace, for a send', () => {
  it('is a transient failure when it cannot be read, and is read again next time', async () => {
    let calls = 0;
    const a = access(async () => {
      calls++;
      throw new Error('the sealed value was sealed with another key');
    });
    const first = await a.clientFor('T1').catch((e: unknown) => e);
    expect(first).toBeInstanceOf(DeliveryError);
    expect((first as DeliveryError).kind).toBe('transient');
    await a.clientFor('T1').catch(() => undefined);
    expect(calls).toBe(2);
  });

  it('is a transient failure for a workspace that has not installed Rebound: nobody is marked unreachable', async () => {
    const failure = await access(async () => null)
      .clientFor('T9')
      .catch((e: unknown) => e);
    expect((failure as DeliveryError).kind).toBe('transient');
  });

  it('gives the workspace a client of its own token, kept while the token stays', async () => {
    const a = access(async (teamId) => ({
      teamId,
      enterpriseId: null,
      botToken: `xoxb-${teamId}`,
      botId: 'B1',
      botUserId: 'U1',
      refreshToken: null,
      tokenExpiresAt: null,
      installedAt: new Date(),
      updatedAt: new Date(),
      removedAt: null,
    }));
    const one = await a.clientFor('T1');
    expect(one.token).toBe('xoxb-T1');
    expect(await a.clientFor('T1')).toBe(one);
    expect((await a.clientFor('T2')).token).toBe('xoxb-T2');
  });
});
