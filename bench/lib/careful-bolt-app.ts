/**
 * The least a careful developer would write with Bolt for `/applied <company> | <role>`, the
 * baseline of `bench/slack-command-path.bench.ts`: Bolt's own HTTP receiver (which verifies the
 * signing secret), `ack()` at once, one row into SQLite (better-sqlite3, WAL, one prepared insert),
 * the group post with `chat.postMessage` and the private answer with `respond()`. No membership,
 * no replay check, no follow-ups, no undo: what Rebound does on top of this is its own cost.
 *
 *   node --import tsx bench/lib/careful-bolt-app.ts '<json CarefulBoltAppOptions>'
 *
 * Prints `{ port }` once it listens; runs until SIGTERM.
 */
import type { Server } from 'node:http';
import { App, LogLevel } from '@slack/bolt';
import Database from 'better-sqlite3';

export interface CarefulBoltAppOptions {
  /** The Web API base (`…/api/`), where chat.postMessage goes. */
  readonly apiUrl: string;
  readonly signingSecret: string;
  readonly botToken: string;
  /** The SQLite file. */
  readonly database: string;
}

/** Slack's three control characters in mrkdwn; a careful developer escapes what a user typed. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export async function startCarefulBoltApp(
  options: CarefulBoltAppOptions,
): Promise<{ port: number; stop(): Promise<void> }> {
  const db = new Database(options.database);
  // The durability Rebound's database has, so the two pay the same for a commit.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    `CREATE TABLE IF NOT EXISTS applications (
       id INTEGER PRIMARY KEY,
       team_id TEXT NOT NULL,
       user_id TEXT NOT NULL,
       company TEXT NOT NULL,
       role TEXT NOT NULL,
       created_at INTEGER NOT NULL
     )`,
  );
  const insert = db.prepare(
    'INSERT INTO applications (team_id, user_id, company, role, created_at) VALUES (?, ?, ?, ?, ?)',
  );

  const app = new App({
    token: options.botToken,
    signingSecret: options.signingSecret,
    logLevel: LogLevel.WARN,
    clientOptions: { slackApiUrl: options.apiUrl },
  });

  app.command('/applied', async ({ command, ack, respond, client }) => {
    await ack();
    const [company, role] = command.text.split('|').map((part) => part.trim());
    if (!company || !role) {
      await respond({ response_type: 'ephemeral', text: 'Usage: /applied company | role' });
      return;
    }
    insert.run(command.team_id, command.user_id, company, role, Date.now());
    await client.chat.postMessage({
      channel: command.channel_id,
      text: `📨 <@${command.user_id}> applied for ${escapeText(role)} at ${escapeText(company)}.`,
    });
    await respond({ response_type: 'ephemeral', text: `Logged: ${escapeText(role)} at ${escapeText(company)}.` });
  });

  const server = (await app.start(0)) as Server;
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    async stop() {
      await app.stop();
      db.close();
    },
  };
}

const arg = process.argv[2];
if (arg) {
  const app = await startCarefulBoltApp(JSON.parse(arg) as CarefulBoltAppOptions);
  process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
  console.log(JSON.stringify({ port: app.port }));
}
