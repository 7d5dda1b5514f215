/**
 * The fake Slack Web API of the benchmark, in its own process as Slack would be: the app under
 * test pays for its outgoing calls over loopback, not for the fake's work. Prints its base URL,
 * then answers IPC questions `{ count: method }` with how many calls of that method arrived.
 */
import { FakeSlackWebApi } from '../test/fakes/slack-web-api.ts';

const api = await new FakeSlackWebApi().start();
process.on('message', (message: { count?: string; stop?: boolean }) => {
  if (message.stop) {
    void api.stop().then(() => process.exit(0));
    return;
  }
  if (message.count) process.send?.({ count: api.callsTo(message.count).length });
});
console.log(JSON.stringify({ baseUrl: api.baseUrl }));
