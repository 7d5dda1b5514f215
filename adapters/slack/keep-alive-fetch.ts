/**
 * A `fetch` for Slack's Web API, response_urls and file uploads over node:http(s) with keep-alive
 * agents. Every command makes two or three outgoing calls; undici's fetch costs several times more
 * CPU per call than a plain request on a reused socket, and under load that CPU is taken from
 * answering Slack.
 *
 * Every failure rejects with a `KeepAliveFetchError` saying whether the request had been completely
 * written when it failed: before that, Slack cannot have acted on it; after, it may have (a timeout
 * or a connection lost while waiting for the answer). The agents' sockets time out too, so a
 * request that is never answered cannot wait forever even without an abort signal.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export type FetchFunction = typeof globalThis.fetch;

/** A request that failed without an answer. */
export class KeepAliveFetchError extends Error {
  override readonly name = 'KeepAliveFetchError';
  constructor(
    message: string,
    /**
     * The whole request had been handed to the network (`finish`) before the failure, so the
     * platform may have received it and acted on it. False: it surely never arrived whole.
     */
    readonly requestSent: boolean,
    /** The system's code (`ECONNREFUSED`, `ECONNRESET`, `ETIMEDOUT` for timeouts, `ABORT_ERR`), when known. */
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface KeepAliveFetchOptions {
  /** A socket quiet for this long is closed: an active request then fails, an idle one is dropped. */
  readonly socketTimeoutMs?: number;
}

/** Twice the Web API clients' request timeout: a backstop for requests made without a signal. */
export const DEFAULT_SOCKET_TIMEOUT_MS = 20_000;

function headerRecord(init: RequestInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init?.headers).forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

function responseHeaders(res: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(res.headers)) {
    if (typeof value === 'string') headers.set(key, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(key, v);
  }
  return headers;
}

/** The body as bytes; a FormData, Blob or stream is encoded by the platform, which also names its content type. */
async function bodyBytes(body: RequestInit['body'], headers: Record<string, string>): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const encoded = new Response(body);
  const type = encoded.headers.get('content-type');
  if (type && !headers['content-type']) headers['content-type'] = type;
  return Buffer.from(await encoded.arrayBuffer());
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function abortCode(reason: unknown): string {
  return reason instanceof Error && reason.name === 'TimeoutError' ? 'ETIMEDOUT' : 'ABORT_ERR';
}

export function createKeepAliveFetch(options: KeepAliveFetchOptions = {}): FetchFunction {
  const timeout = options.socketTimeoutMs ?? DEFAULT_SOCKET_TIMEOUT_MS;
  const http = new HttpAgent({ keepAlive: true, maxSockets: 64, timeout });
  const https = new HttpsAgent({ keepAlive: true, maxSockets: 64, timeout });
  const keepAliveFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    // Nothing here passes a Request; one would carry its own body and signal.
    if (input instanceof Request) return globalThis.fetch(input, init);
    const url = new URL(input);
    const secure = url.protocol === 'https:';
    const headers = headerRecord(init);
    const signal = init?.signal ?? undefined;
    let body: Buffer | undefined;
    try {
      signal?.throwIfAborted();
      body = await bodyBytes(init?.body, headers);
    } catch (error) {
      throw new KeepAliveFetchError(error instanceof Error ? error.message : 'request not made', false, codeOf(error), {
        cause: error,
      });
    }
    if (body) headers['content-length'] = String(body.length);
    return new Promise<Response>((resolve, reject) => {
      let written = false;
      let settled = false;
      const fail = (error: unknown, code = codeOf(error)) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        const message = error instanceof Error ? error.message : 'request failed';
        reject(new KeepAliveFetchError(message, written, code, { cause: error }));
      };
      const send = secure ? httpsRequest : httpRequest;
      const req = send(url, { method: init?.method ?? 'GET', headers, agent: secure ? https : http }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => fail(error));
        res.on('close', () => {
          if (!res.complete) fail(new Error('connection closed before the whole answer arrived'), 'ECONNRESET');
        });
        res.on('end', () => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          const status = res.statusCode ?? 0;
          const bytes = status === 204 || status === 304 ? null : Buffer.concat(chunks);
          resolve(new Response(bytes, { status, statusText: res.statusMessage ?? '', headers: responseHeaders(res) }));
        });
      });
      function onAbort(): void {
        const reason: unknown = signal?.reason;
        fail(reason instanceof Error ? reason : new Error('request aborted'), abortCode(reason));
        req.destroy();
      }
      req.on('finish', () => {
        written = true;
      });
      req.on('error', (error) => fail(error));
      req.on('timeout', () => {
        fail(new Error(`no data for ${timeout} ms`), 'ETIMEDOUT');
        req.destroy();
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      req.end(body);
    });
  };
  return keepAliveFetch as FetchFunction;
}
