import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { secretsOf } from '../src/config-in-logs.ts';
import type { Logger } from '../src/core/ports/index.ts';
import { createLogger, REDACTED, type CreateLoggerOptions } from '../src/logger.ts';

const SLACK_BOT = 'xoxb-1234-5678-zzBOTtokenValue';
const SLACK_SIGNING = 'a1b2c3d4e5f6signingSecretValue';
const DISCORD = 'MTIz.abc.discordTokenValue-xyz';

/** A logger writing into memory, and the lines it wrote, parsed. */
function capture(options: Omit<CreateLoggerOptions, 'destination'>) {
  const chunks: string[] = [];
  const logger = createLogger({ ...options, destination: { write: (chunk: string) => void chunks.push(chunk) } });
  const raw = () => chunks.join('');
  const lines = () =>
    raw()
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, raw, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line with level, time, message and fields', () => {
    const { logger, raw, lines } = capture({ level: 'info' });
    logger.info({ groupId: 7, sent: true }, 'check-in posted');
    logger.warn({ memberId: null }, 'member unreachable by DM');

    expect(raw().endsWith('\n')).toBe(true);
    const [first, second] = lines();
    expect(first).toMatchObject({ level: 'info', msg: 'check-in posted', groupId: 7, sent: true });
    expect(typeof first?.time).toBe('string');
    expect(second).toMatchObject({ level: 'warn', msg: 'member unreachable by DM', memberId: null });
  });

  it('implements the core Logger port', () => {
    const { logger, lines } = capture({ level: 'info' });
    const port: Logger = logger;
    port.error({ code: 'storage' }, 'sweep failed');
    expect(lines()).toEqual([expect.objectContaining({ level: 'error', code: 'storage', msg: 'sweep failed' })]);
  });

  it('drops lines below the configured level, and writes nothing when silent', () => {
    const warnOnly = capture({ level: 'warn' });
    warnOnly.logger.debug({}, 'debug line');
    warnOnly.logger.info({}, 'info line');
    warnOnly.logger.warn({}, 'warn line');
    expect(warnOnly.lines().map((line) => line.msg)).toEqual(['warn line']);

    const silent = capture({ level: 'silent' });
    silent.logger.error({}, 'error line');
    expect(silent.raw()).toBe('');

    const debug = capture({ level: 'debug' });
    debug.logger.debug({}, 'debug line');
    expect(debug.lines().map((line) => line.msg)).toEqual(['debug line']);
  });

  it('children carry their bindings on every line', () => {
    const { logger, lines } = capture({ level: 'info' });
    logger.child({ adapter: 'slack' }).info({ command: '/applied' }, 'command handled');
    expect(lines()[0]).toMatchObject({ adapter: 'slack', command: '/applied' });
  });

  it('censors fields named token, secret, password or authorization at any depth, also through the raw pino instance', () => {
    const { logger, raw, lines } = capture({ level: 'info' });
    logger.info({ token: 'plain-token-1', userId: 'U1' }, 'port fields');
    logger.pino.info(
      {
        botToken: 'plain-token-2',
        signingSecret: 'plain-secret-3',
        request: { headers: { Authorization: 'Bearer plain-token-4', 'content-type': 'application/json' } },
        users: [{ password: 'plain-password-5' }],
      },
      'nested fields',
    );
    logger.pino.child({ token: 'plain-token-6' }).info('child binding');

    expect(raw()).not.toMatch(/plain-/);
    const [first, second, third] = lines();
    expect(first).toMatchObject({ token: REDACTED, userId: 'U1' });
    expect(second).toMatchObject({
      botToken: REDACTED,
      signingSecret: REDACTED,
      request: { headers: { Authorization: REDACTED, 'content-type': 'application/json' } },
      users: [{ password: REDACTED }],
    });
    expect(third).toMatchObject({ token: REDACTED });
  });

  it('scrubs the configured secret values wherever they appear: messages, fields, errors, bindings', () => {
    const secrets = secretsOf(
      loadConfig({
        SLACK_BOT_TOKEN: SLACK_BOT,
        SLACK_SIGNING_SECRET: SLACK_SIGNING,
        DISCORD_TOKEN: DISCORD,
        DISCORD_APPLICATION_ID: '42',
      }),
    );
    const { logger, raw, lines } = capture({ level: 'info', secrets });

    logger.info({}, `calling chat.postMessage with ${SLACK_BOT}`);
    logger.warn({ detail: `signature computed with ${SLACK_SIGNING}` }, 'signature mismatch');
    logger.child({ session: DISCORD }).info({}, 'gateway connected');
    logger.pino.error(
      { err: new Error(`401 for Bot ${DISCORD}`), config: { url: `https://x.test/?t=${SLACK_BOT}` } },
      'request failed',
    );

    const text = raw();
    for (const secret of [SLACK_BOT, SLACK_SIGNING, DISCORD]) expect(text).not.toContain(secret);
    // Partial leaks would show the distinctive middles of the values.
    expect(text).not.toMatch(/BOTtokenValue|signingSecretValue|discordTokenValue/);
    expect(lines()).toHaveLength(4);
    expect(lines()[0]?.msg).toBe(`calling chat.postMessage with ${REDACTED}`);
  });

  it('scrubs a secret holding quotes or backslashes, and the line stays valid JSON', () => {
    const secret = 'pa"ss\\word-42';
    const { logger, raw, lines } = capture({ level: 'info', secrets: [secret] });
    logger.info({ note: `value ${secret} here` }, `message ${secret}`);
    expect(raw()).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(lines()[0]).toMatchObject({ note: `value ${REDACTED} here`, msg: `message ${REDACTED}` });
  });

  it('ignores an empty secret rather than mangling every line', () => {
    const { logger, lines } = capture({ level: 'info', secrets: [''] });
    logger.info({}, 'nothing to hide');
    expect(lines()[0]?.msg).toBe('nothing to hide');
  });

  it('writes to a Node stream given as destination', async () => {
    const stream = new PassThrough();
    const received: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => received.push(chunk));
    const logger = createLogger({ level: 'info', destination: stream, secrets: [SLACK_BOT] });
    logger.info({}, `token ${SLACK_BOT}`);
    stream.end();
    await new Promise((resolve) => stream.on('end', resolve));
    const text = Buffer.concat(received).toString('utf8');
    expect(text).toContain(`token ${REDACTED}`);
    expect(text).not.toContain(SLACK_BOT);
  });
});
