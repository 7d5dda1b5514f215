/**
 * A fake Discord gateway over a real WebSocket: hello (op 10), READY and GUILD_CREATE in answer to
 * identify (op 2), heartbeat acks (op 11). `dispatch` pushes any further event to the connected
 * client, as Discord would.
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildCreate, ready, type DispatchPacket } from './discord-packets.ts';

interface GatewayFrame {
  readonly op: number;
  readonly d?: unknown;
}

export class FakeDiscordGateway {
  /** Every identify payload the client sent. */
  readonly identifies: unknown[] = [];
  #server: WebSocketServer;
  #socket: WebSocket | null = null;

  private constructor(server: WebSocketServer) {
    this.#server = server;
    server.on('connection', (socket) => this.#accept(socket));
  }

  static async start(): Promise<FakeDiscordGateway> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    return new FakeDiscordGateway(server);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  dispatch(packet: DispatchPacket): void {
    if (!this.#socket) throw new Error('no client is connected');
    this.#socket.send(JSON.stringify(packet));
  }

  async close(): Promise<void> {
    for (const client of this.#server.clients) client.terminate();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(socket: WebSocket): void {
    this.#socket = socket;
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as GatewayFrame;
      if (frame.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (frame.op === 2) {
        this.identifies.push(frame.d);
        socket.send(JSON.stringify(ready()));
        socket.send(JSON.stringify(guildCreate()));
      }
    });
  }
}
