import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { isPlanId } from '@plenary/model';
import { CloseCode } from '@plenary/relay';
import type { WebSocket } from 'ws';

/** How often the server pings each socket; one that misses a ping is dropped. */
const KEEPALIVE_MS = 30_000;

function asBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/**
 * `GET /sync/:planId` upgrades to the y-websocket protocol. The route only adapts the
 * socket; everything else is the relay's.
 */
export const syncRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/sync/:planId', { websocket: true }, (socket: WebSocket, request) => {
    const { planId } = request.params as { planId: string };
    if (!isPlanId(planId)) {
      socket.close(CloseCode.UNKNOWN_PLAN, 'no plan has this id');
      return;
    }
    const connection = app.relay.connect(
      planId,
      {
        send: (data) => socket.send(data, { binary: true }),
        close: (code, reason) => socket.close(code, reason),
      },
      { participantId: null },
    );
    // Listeners are attached before anything async happens, or early frames are lost.
    socket.on('message', (data: Buffer | ArrayBuffer | Buffer[]) =>
      connection.receive(asBytes(data)),
    );
    socket.on('close', () => {
      clearInterval(keepalive);
      connection.disconnect();
    });
    // Venue wifi drops without a goodbye: a socket that stops answering pings is gone.
    let alive = true;
    socket.on('pong', () => {
      alive = true;
    });
    const keepalive = setInterval(() => {
      if (!alive) {
        socket.terminate();
        return;
      }
      alive = false;
      socket.ping();
    }, KEEPALIVE_MS);
  });
};
