import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKeepAliveFetch, KeepAliveFetchError } from '../../../adapters/slack/keep-alive-fetch.ts';
import { FakeSlackWebApi } from '../../fakes/slack-web-api.ts';

const api = new FakeSlackWebApi();
const fetch = createKeepAliveFetch({ socketTimeoutMs: 300 });

beforeAll(async () => {
  await api.start();
});
afterAll(async () => api.stop());
afterEach(async () => {
  await api.clearOutage();
  api.reset();
});

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

async function failure(promise: Promise<unknown>): Promise<KeepAliveFetchError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (error instanceof KeepAliveFetchError) return error;
  throw new Error(`expected a KeepAliveFetchError, got ${String(error)}`);
}

describe('the keep-alive fetch tags each failure with whether the request had left', () => {
  it('answers as fetch does on a reused socket', async () => {
    const first = await fetch(`${api.apiUrl}chat.postMessage`, form({ channel: 'C1', text: 'a' }));
    const second = await fetch(`${api.apiUrl}chat.postMessage`, form({ channel: 'U7', text: 'b' }));
    expect(await first.json()).toMatchObject({ ok: true, channel: 'C1' });
    expect(await second.json()).toMatchObject({ ok: true, channel: 'D7' });
  });

  it('a refused connection: not sent', async () => {
    await api.outage({ mode: 'refuse' });
    const error = await failure(fetch(`${api.apiUrl}chat.postMessage`, form({ channel: 'C1' })));
    expect(error).toMatchObject({ requestSent: false, code: 'ECONNREFUSED' });
  });

  it('listens again on the same address once the refusal is cleared', async () => {
    await api.outage({ mode: 'refuse' });
    await api.clearOutage();
    const res = await fetch(`${api.apiUrl}chat.postMessage`, form({ channel: 'C1' }));
    expect(res.status).toBe(200);
  });

  it('a connection reset after the whole request was read: sent', async () => {
    await api.outage({ mode: 'reset-after-request', method: 'chat.postMessage' });
    const error = await failure(fetch(`${api.apiUrl}chat.postMessage`, form({ channel: 'C1' })));
    expect(error).toMatchObject({ requestSent: true, code: 'ECONNRESET' });
    expect(api.callsTo('chat.postMessage').map((c) => c.status)).toEqual([null]);
  });

  it('a request never answered, given up by its signal: sent, timed out', async () => {
    api.failNext('chat.postMessage', { fault: 'hang' });
    const error = await failure(
      fetch(`${api.apiUrl}chat.postMessage`, { ...form({ channel: 'C1' }), signal: AbortSignal.timeout(100) }),
    );
    expect(error).toMatchObject({ requestSent: true, code: 'ETIMEDOUT' });
  });

  it('a request never answered and without a signal still ends, at the socket timeout', async () => {
    api.failNext('chat.postMessage', { fault: 'hang' });
    const error = await failure(fetch(`${api.apiUrl}chat.postMessage`, form({ channel: 'C1' })));
    expect(error).toMatchObject({ requestSent: true, code: 'ETIMEDOUT' });
  });

  it('a request aborted before it was made: not sent, and nothing arrives', async () => {
    const error = await failure(
      fetch(`${api.apiUrl}chat.postMessage`, { ...form({ channel: 'C1' }), signal: AbortSignal.abort() }),
    );
    expect(error.requestSent).toBe(false);
    expect(api.calls).toEqual([]);
  });

  it('sends bytes itself, so an upload is tagged the same way', async () => {
    const bytes = new TextEncoder().encode('{"applications":[]}');
    const res = await fetch(`${api.baseUrl}/upload/F1`, { method: 'POST', body: bytes });
    expect(res.status).toBe(200);
    expect(api.callsTo('upload')[0]?.params).toEqual({ bytes: bytes.length });
    await api.outage({ mode: 'reset-after-request', method: 'upload' });
    expect((await failure(fetch(`${api.baseUrl}/upload/F2`, { method: 'POST', body: bytes }))).requestSent).toBe(true);
  });
});
