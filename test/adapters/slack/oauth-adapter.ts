/**
 * The Slack adapter in OAuth mode against the local fake, as the OAuth tests start it: requests
 * handled before the answer, no Web API retries, pacing that never waits.
 */
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/index.ts';
import type { SlackOAuthOptions } from '../../../adapters/slack/oauth.ts';
import type { FakeSlackWebApi } from '../../fakes/slack-web-api.ts';
import type { RecordingLogger } from '../../fakes/recording-logger.ts';
import { SIGNING_SECRET } from './harness.ts';
import { skippingTimer } from './pace-timers.ts';

export function createOAuthAdapter(
  api: FakeSlackWebApi,
  oauth: SlackOAuthOptions,
  logger: RecordingLogger,
): SlackAdapter {
  return createSlackAdapter(
    {
      oauth,
      signingSecret: SIGNING_SECRET,
      apiUrl: api.apiUrl,
      port: 0,
      processBeforeResponse: true,
      webApiRetries: 0,
      pace: { timer: skippingTimer() },
      answerInAckWithinMs: 500,
    },
    logger,
  );
}
