/** A ChatPort for benchmarks: answers every send at once with a fresh message id and counts them. */
import type { ChannelTarget, ChatPort, SentMessage, UserTarget } from '../../src/core/ports/index.ts';

export class CountingChat implements ChatPort {
  sent = 0;
  #sent(channelId: string): SentMessage {
    this.sent++;
    return { channelId, messageId: `m${this.sent}` };
  }
  async postToChannel(t: ChannelTarget) {
    return this.#sent(t.channelId);
  }
  async postThreadStarter(t: ChannelTarget) {
    return { ...this.#sent(t.channelId), threadId: `t${this.sent}` };
  }
  async postInThread(t: ChannelTarget) {
    return this.#sent(t.channelId);
  }
  async sendDirect(t: UserTarget) {
    return this.#sent(`D-${t.userId}`);
  }
  async updateMessage() {}
  async deleteMessage() {}
}
