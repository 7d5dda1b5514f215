import { DeliveryError } from './core/errors.ts';
import type { ChatPort } from './core/ports/index.ts';
import type { Platform, WorkspaceRef } from './core/types.ts';

/** One ChatPort over several adapters: each send goes to the adapter of its workspace's platform. */
export function createChatRouter(ports: Partial<Record<Platform, ChatPort>>): ChatPort {
  const portFor = (ws: WorkspaceRef): ChatPort => {
    const port = ports[ws.platform];
    if (!port) throw DeliveryError.permanent(`no ${ws.platform} adapter is running`);
    return port;
  };
  return {
    postToChannel: (t, m, f) => portFor(t.workspace).postToChannel(t, m, f),
    postThreadStarter: (t, m, n) => portFor(t.workspace).postThreadStarter(t, m, n),
    postInThread: (t, id, m) => portFor(t.workspace).postInThread(t, id, m),
    sendDirect: (t, m, f) => portFor(t.workspace).sendDirect(t, m, f),
    updateMessage: (ws, s, m) => portFor(ws).updateMessage(ws, s, m),
    deleteMessage: (ws, s) => portFor(ws).deleteMessage(ws, s),
  };
}
