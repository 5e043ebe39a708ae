// A raw graphql-transport-ws socket for tests that watch what happens to the connection itself (close codes).
import WebSocket from 'ws';

export interface OpenSocket {
  ws: WebSocket;
  /** Resolves with the close code. */
  closed: Promise<number>;
  /** Every message received. */
  messages: { type: string; id?: string; payload?: any }[];
  /** Sends a subscribe message and resolves with the first answer to it (next or error), or null if the socket closes first. */
  operation(id: string, query: string): Promise<{ type: string; payload?: any } | null>;
}

/** A raw graphql-transport-ws socket, acknowledged. */
export async function openSocket(wsUrl: string, credential: string): Promise<OpenSocket> {
  const ws = new WebSocket(wsUrl, 'graphql-transport-ws');
  const messages: OpenSocket['messages'] = [];
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  const acked = new Promise<void>((resolve, reject) => {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data));
      messages.push(message);
      if (message.type === 'connection_ack') resolve();
    });
    ws.once('close', (code) => reject(new Error(`closed ${code} before ack`)));
  });
  ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${credential}` } })));
  await acked;
  return {
    ws,
    closed,
    messages,
    operation: (id, query) =>
      new Promise((resolve) => {
        const onMessage = (data: WebSocket.RawData) => {
          const message = JSON.parse(String(data));
          if (message.id === id && (message.type === 'next' || message.type === 'error')) {
            ws.off('message', onMessage);
            resolve(message);
          }
        };
        ws.on('message', onMessage);
        void closed.then(() => resolve(null));
        if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query } }));
      }),
  };
}

