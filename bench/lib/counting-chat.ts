/** A ChatPort for benchmarks: answers every send at once with a fresh message id and counts them. */
import type { ChannelTarget, ChatPort, SendOptions, SentMessage, UserTarget } from '../../src/core/ports/index.ts';

export class CountingChat implements ChatPort {
  sent = 0;
  #sent(channelId: string): SentMessage {
    this.sent++;
    return { channelId, messageId: `m${this.sent}` };
  }
  async postToChannel(t: ChannelTarget, _m: unknown, o?: SendOptions) {
    await o?.beforeRequest?.();
    return this.#sent(t.channelId);
  }
  async shareFiles(_t: ChannelTarget, _f: unknown, o?: SendOptions) {
    await o?.beforeRequest?.();
  }
  async postThreadStarter(t: ChannelTarget, _m: unknown, _n: string, o?: SendOptions) {
    await o?.beforeRequest?.();
    return { ...this.#sent(t.channelId), threadId: `t${this.sent}` };
  }
  async postInThread(t: ChannelTarget, _id: string, _m: unknown, o?: SendOptions) {
    await o?.beforeRequest?.();
    return this.#sent(t.channelId);
  }
  async sendDirect(t: UserTarget, _m: unknown, o?: SendOptions) {
    await o?.beforeRequest?.();
    return this.#sent(`D-${t.userId}`);
  }
  async updateMessage() {}
  async deleteMessage() {}
}
