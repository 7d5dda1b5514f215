/**
 * A `fetch` for Slack's Web API and response_urls over node:http(s) with keep-alive agents.
 * Every command makes two or three outgoing calls; undici's fetch costs several times more CPU per
 * call than a plain request on a reused socket, and under load that CPU is taken from answering
 * Slack. Bodies that are not strings (multipart file uploads) go to the global fetch.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export type FetchFunction = typeof globalThis.fetch;

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

export function createKeepAliveFetch(): FetchFunction {
  const http = new HttpAgent({ keepAlive: true, maxSockets: 64 });
  const https = new HttpsAgent({ keepAlive: true, maxSockets: 64 });
  const keepAliveFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const body = init?.body;
    if ((body !== undefined && body !== null && typeof body !== 'string') || input instanceof Request) {
      return globalThis.fetch(input, init);
    }
    const url = new URL(input);
    const secure = url.protocol === 'https:';
    const headers = headerRecord(init);
    if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise<Response>((resolve, reject) => {
      const send = secure ? httpsRequest : httpRequest;
      const req = send(url, { method: init?.method ?? 'GET', headers, agent: secure ? https : http }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const bytes = status === 204 || status === 304 ? null : Buffer.concat(chunks);
          resolve(new Response(bytes, { status, statusText: res.statusMessage ?? '', headers: responseHeaders(res) }));
        });
      });
      req.on('error', reject);
      init?.signal?.addEventListener('abort', () => req.destroy(new Error('request aborted')), { once: true });
      req.end(typeof body === 'string' ? body : undefined);
    });
  };
  return keepAliveFetch as FetchFunction;
}
