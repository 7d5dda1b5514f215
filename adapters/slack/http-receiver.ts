/**
 * Slack over HTTP: our server in front of Bolt's HTTPReceiver. A POST to `/slack/events` is read
 * (up to Bolt's body limit) and checked here first: its signature, its timestamp against the
 * adapter's clock, its shape (request-check.ts). A refused request never reaches Bolt, its
 * listeners or the core. Everything else (`/healthz`, unknown paths) and
 * every admitted request is Bolt's, which reuses the body read here.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  HTTPModuleFunctions,
  HTTPReceiver,
  defaultBodyLimit,
  isRawBodyError,
  type App,
  type CustomRoute,
  type HTTPReceiverOptions,
  type InstallationStore,
  type Logger as BoltLogger,
  type Receiver,
} from '@slack/bolt';
import type { Clock } from '../../src/core/clock.ts';
import type { Logger } from '../../src/core/ports/index.ts';
import { checkShape, checkSignature, FORM, mediaType } from './request-check.ts';

export const SLACK_EVENTS_PATH = '/slack/events';
/** Bolt's own limit (4 MB): far above any payload Slack sends, small enough to refuse a flood. */
export const MAX_BODY_BYTES = defaultBodyLimit;

export interface SlackHttpReceiverOptions {
  readonly signingSecret: string;
  /** Judges each request's `x-slack-request-timestamp`. */
  readonly clock: Clock;
  readonly logger: Logger;
  readonly boltLogger: BoltLogger;
  readonly customRoutes: CustomRoute[];
  readonly processBeforeResponse: boolean;
  /** OAuth mode: Bolt's receiver serves `GET /slack/install` and `GET /slack/oauth_redirect` with these. */
  readonly oauth?: {
    readonly clientId: string;
    readonly clientSecret: string;
    readonly stateSecret: string;
    readonly scopes: string[];
    readonly installationStore: InstallationStore;
    readonly clientOptions: NonNullable<NonNullable<HTTPReceiverOptions['installerOptions']>['clientOptions']>;
  };
}

export class SlackHttpReceiver implements Receiver {
  readonly #options: SlackHttpReceiverOptions;
  readonly #bolt: HTTPReceiver;
  #server: Server | null = null;

  constructor(options: SlackHttpReceiverOptions) {
    this.#options = options;
    this.#bolt = new HTTPReceiver({
      signingSecret: options.signingSecret,
      // Checked before Bolt sees the request, with the adapter's clock and both sides of the window.
      signatureVerification: false,
      endpoints: SLACK_EVENTS_PATH,
      customRoutes: options.customRoutes,
      logger: options.boltLogger,
      processBeforeResponse: options.processBeforeResponse,
      bodyLimit: MAX_BODY_BYTES,
      ...(options.oauth
        ? {
            clientId: options.oauth.clientId,
            clientSecret: options.oauth.clientSecret,
            stateSecret: options.oauth.stateSecret,
            scopes: options.oauth.scopes,
            installationStore: options.oauth.installationStore,
            installerOptions: { clientOptions: options.oauth.clientOptions, directInstall: false },
          }
        : {}),
    });
  }

  init(app: App): void {
    this.#bolt.init(app);
  }

  async start(port: number): Promise<Server> {
    if (this.#server) throw new Error('the Slack HTTP receiver is already started');
    const server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        this.#options.logger.error(
          { error: error instanceof Error ? error.message : 'unknown' },
          'slack request failed',
        );
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await listen(server, port);
    this.#server = server;
    return server;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (server)
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'POST' && path === SLACK_EVENTS_PATH && !(await this.#admit(req, res))) return;
    try {
      this.#bolt.requestListener(req, res);
    } catch (error) {
      // An unknown path: Bolt throws for its caller to answer (404).
      HTTPModuleFunctions.defaultDispatchErrorHandler({
        error: error as Error,
        logger: this.#options.boltLogger,
        request: req,
        response: res,
      });
    }
  }

  /** Reads and checks the request; answers it and says false when it is refused. */
  async #admit(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const refuse = (status: number, reason: string): false => {
      this.#options.logger.warn({ status, reason }, 'slack request refused');
      res.writeHead(status).end();
      return false;
    };
    let body: Buffer;
    try {
      body = (await HTTPModuleFunctions.bufferIncomingMessage(req, MAX_BODY_BYTES)).rawBody;
    } catch (error) {
      if (isRawBodyError(error) && error.statusCode === 413) return refuse(413, 'body too large');
      return refuse(400, 'body could not be read');
    }
    // Slack's SSL check comes unsigned: it is answered here and goes no further (as Bolt does).
    if (mediaType(req.headers) === FORM && new URLSearchParams(body.toString('utf8')).get('ssl_check') === '1') {
      res.writeHead(200).end();
      return false;
    }
    const signed = checkSignature(req.headers, body, this.#options.signingSecret, this.#options.clock.now());
    if (!signed.ok) return refuse(signed.status, signed.reason);
    const shaped = checkShape(req.headers, body);
    if (!shaped.ok) return refuse(shaped.status, shaped.reason);
    return true;
  }
}

/** Listens on `port`; a failure to listen (the port is taken) rejects instead of throwing later. */
export function listen(server: Server, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const fail = (error: Error) => reject(error);
    server.once('error', fail);
    server.listen(port, () => {
      server.off('error', fail);
      resolve();
    });
  });
}
