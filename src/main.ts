/**
 * The composition root: reads settings, opens the database, starts the adapters and the heartbeat.
 * With no Slack or Discord settings it runs the console adapter on the embedded database.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, SettingRefusedError, type Config } from './config.ts';
import { describeConfig, secretsOf } from './config-in-logs.ts';
import { createLogger, type AppLogger } from './logger.ts';
import { openStore, StoreOpenError, type OpenedStore } from './db/open-store.ts';
import { loadSavedConsoleClock } from './db/repositories/console-clock.ts';
import { runConsole } from '../adapters/console/run-console.ts';
import { CONSOLE_WORKSPACE } from '../adapters/console/console-adapter.ts';
import { startPlatforms } from './start-platforms.ts';

async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`rebound: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const consoleMode = config.adapters.kind === 'console';
  // The console owns stdout; its logs go to stderr and stay quiet unless asked for.
  const logger: AppLogger = createLogger({
    level: consoleMode && !process.env.LOG_LEVEL ? 'warn' : config.logLevel,
    secrets: secretsOf(config),
    ...(consoleMode ? { destination: process.stderr } : {}),
  });
  let database: OpenedStore;
  try {
    database = await openStore(config, {
      onPoolError: (error) => logger.warn({ error: error.message }, 'a pooled database connection failed'),
    });
  } catch (error) {
    if (error instanceof StoreOpenError) {
      process.stderr.write(`rebound: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const { store } = database;
  const owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

  if (config.adapters.kind === 'console') {
    // Whoever reads the output went away (`npm start | head`): that is an end, not a crash.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(0);
    });
    const savedClock = await loadSavedConsoleClock(database.consoleClock(CONSOLE_WORKSPACE));
    try {
      await runConsole({
        store,
        logger,
        input: process.stdin,
        write: (text) => process.stdout.write(`${text}\n`),
        startAt: config.consoleStart,
        savedClock,
      });
      return 0;
    } finally {
      await savedClock.flush();
      await database.close();
    }
  }

  logger.info(describeConfig(config), 'starting');
  const running = await startPlatforms(config, config.adapters, {
    store,
    logger,
    owner,
    slackInstallations: (box) => database.slackInstallations(box),
  });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await running.stop();
    await database.close();
    logger.info({}, 'stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  return new Promise<number>(() => {});
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A setting refused while starting (a port in use, a rejected token) is one line, like a config error.
    const line =
      error instanceof SettingRefusedError
        ? error.message
        : `failed to start: ${error instanceof Error ? error.message : String(error)}`;
    process.stderr.write(`rebound: ${line}\n`);
    process.exit(1);
  },
);
