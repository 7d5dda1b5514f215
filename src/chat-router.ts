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
    postToChannel: (t, m, o) => portFor(t.workspace).postToChannel(t, m, o),
    shareFiles: (t, f, o) => portFor(t.workspace).shareFiles(t, f, o),
    postThreadStarter: (t, m, n, o) => portFor(t.workspace).postThreadStarter(t, m, n, o),
    postInThread: (t, id, m, o) => portFor(t.workspace).postInThread(t, id, m, o),
    sendDirect: (t, m, o) => portFor(t.workspace).sendDirect(t, m, o),
    updateMessage: (ws, s, m) => portFor(ws).updateMessage(ws, s, m),
    deleteMessage: (ws, s) => portFor(ws).deleteMessage(ws, s),
  };
}
