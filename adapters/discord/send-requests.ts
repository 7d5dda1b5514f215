/**
 * The REST client's request hook for sends that can make a message visible. REST queues every
 * request behind its rate limits (the route's bucket, the global 50 per second) and then hands it
 * to `makeRequest`: that is the moment it leaves, so a send's `beforeRequest` runs there, once per
 * real request (REST repeats a request after a 429 on its own: each repeat is an attempt too).
 *
 * A send's requests are found by a header it sets (`RequestData.headers`, which REST passes to
 * `makeRequest` unchanged, repeats included) naming an entry here; the header is taken off before
 * the request leaves. Their failures are sorted here, by what the HTTP client says went wrong
 * (network-failures.ts) before REST sees them, and their answers are read whole here, under
 * REST's timeout, so an answer cut off after Discord took the message is an unknown outcome too.
 */
import { DefaultRestOptions, type RESTOptions, type ResponseLike } from 'discord.js';
import { DeliveryError } from '../../src/core/errors.ts';
import { sendFailure } from './network-failures.ts';

const SEND_HEADER = 'X-Rebound-Send';

type MakeRequest = RESTOptions['makeRequest'];
type RequestOptions = Parameters<MakeRequest>[1];

/** A send's `beforeRequest` failed: no request was made, and its error leaves the port as it is. */
export class BeforeRequestFailed extends Error {
  override readonly name = 'BeforeRequestFailed';
  constructor(readonly original: unknown) {
    super('beforeRequest failed; no request was made');
  }
}

export interface SendRequests {
  /** The REST option: passes every other request through as REST's default does. */
  readonly makeRequest: MakeRequest;
  /**
   * Runs `call` (one REST call, given the headers to send it with) as a visible send: each real
   * request it makes calls `beforeRequest` first, when given.
   */
  run<T>(
    beforeRequest: (() => Promise<void>) | undefined,
    call: (headers: Record<string, string>) => Promise<T>,
  ): Promise<T>;
}

export function createSendRequests(leave: MakeRequest = DefaultRestOptions.makeRequest): SendRequests {
  const sends = new Map<string, { readonly beforeRequest: (() => Promise<void>) | undefined }>();
  let next = 0;

  async function makeRequest(url: string, init: RequestOptions): Promise<ResponseLike> {
    const marked = takeMark(init);
    if (!marked) return leave(url, init);
    const beforeRequest = sends.get(marked.id)?.beforeRequest;
    if (beforeRequest) {
      try {
        await beforeRequest();
      } catch (error) {
        throw new BeforeRequestFailed(error);
      }
    }
    // REST's timeout runs from before this call: if it ran out during beforeRequest, nothing left.
    if (init.signal?.aborted) throw DeliveryError.transient('the request to Discord timed out before it was sent');
    let response: ResponseLike;
    try {
      response = await leave(url, marked.init);
    } catch (error) {
      throw sendFailure(error);
    }
    return readWhole(response);
  }

  return {
    makeRequest,
    async run(beforeRequest, call) {
      const id = String((next += 1));
      sends.set(id, { beforeRequest });
      try {
        return await call({ [SEND_HEADER]: id });
      } finally {
        sends.delete(id);
      }
    },
  };
}

/** The send's id and the request without its header, or undefined for a request not marked. */
function takeMark(init: RequestOptions): { id: string; init: RequestOptions } | undefined {
  const headers = init.headers;
  // REST builds its headers as a plain object.
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers) || !isRecord(headers)) return undefined;
  const id = headers[SEND_HEADER];
  if (typeof id !== 'string') return undefined;
  const { [SEND_HEADER]: _mark, ...others } = headers;
  return { id, init: { ...init, headers: others } };
}

function isRecord(value: object): value is Record<string, string | readonly string[]> {
  return Object.getPrototypeOf(value) === Object.prototype;
}

/** Reads the answer to the end; a failure there is unknown when Discord had accepted the request. */
async function readWhole(response: ResponseLike): Promise<ResponseLike> {
  const cutOff = (error: unknown): DeliveryError =>
    response.ok
      ? DeliveryError.unknown(`Discord answered ${response.status} but its answer could not be read`, error)
      : DeliveryError.transient(`Discord answered ${response.status} and its answer could not be read`, error);
  let bytes: ArrayBuffer;
  try {
    bytes = await response.arrayBuffer();
  } catch (error) {
    throw cutOff(error);
  }
  const text = (): string => new TextDecoder().decode(bytes);
  return {
    body: null,
    bodyUsed: false,
    headers: response.headers,
    ok: response.ok,
    status: response.status,
    statusText: response.statusText,
    arrayBuffer: () => Promise.resolve(bytes),
    text: () => Promise.resolve(text()),
    json: async () => {
      try {
        return JSON.parse(text()) as unknown;
      } catch (error) {
        throw cutOff(error);
      }
    },
  };
}
