import { describe, expect, it } from 'vitest';
import { sendFailure } from '../../../adapters/discord/network-failures.ts';

const coded = (code: string, message = code): Error => Object.assign(new Error(message), { code });

describe("a send's network failure", () => {
  it.each([
    ['a refused connection', coded('ECONNREFUSED')],
    ['a name that does not resolve', coded('ENOTFOUND')],
    ['a connection that could not be opened in time', coded('UND_ERR_CONNECT_TIMEOUT')],
    ['a refusal on every address tried', new AggregateError([coded('ECONNREFUSED'), coded('ENETUNREACH')])],
    ['a fetch failure caused by one of those', new TypeError('fetch failed', { cause: coded('EAI_AGAIN') })],
  ])('is transient for %s: nothing was sent', (_, error) => {
    expect(sendFailure(error).kind).toBe('transient');
  });

  it.each([
    ['a timeout', new DOMException('This operation was aborted', 'AbortError')],
    ['a reset connection', coded('ECONNRESET', 'read ECONNRESET')],
    ['a connection closed without an answer', coded('UND_ERR_SOCKET', 'other side closed')],
    [
      'a refusal on one address and a reset on another',
      new AggregateError([coded('ECONNREFUSED'), coded('ECONNRESET')]),
    ],
    ['an error that says nothing', new Error('something else')],
    ['something thrown that is not an error', 'boom'],
  ])('is unknown for %s: Discord may have the request', (_, error) => {
    expect(sendFailure(error).kind).toBe('unknown');
  });

  it('never reads as a failure REST would repeat on its own', () => {
    const failure = sendFailure(coded('ECONNRESET', 'read ECONNRESET'));
    expect(failure.name).not.toBe('AbortError');
    expect(failure.message).not.toContain('ECONNRESET');
  });
});
