import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CloseCode, isPlanId } from '@plenary/model';
import { type RelayConnection, UnknownPlanError } from '@plenary/relay';
import type { WebSocket } from 'ws';
import type * as Y from 'yjs';
import { AccessError, type AccessProblem, authenticate } from '../access/authenticate.ts';
import { loadEditor } from '../editorModule.ts';
import { directStream, FramedOnce } from './framedOnce.ts';

/** How often the server pings each socket; one that misses a ping is dropped. */
const KEEPALIVE_MS = 30_000;
/** Timers longer than this overflow; an expiry further away is checked on reconnect. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const CLOSE_FOR: Record<AccessProblem, number> = {
  'missing-token': CloseCode.UNAUTHORIZED,
  'malformed-token': CloseCode.UNAUTHORIZED,
  'unknown-token': CloseCode.UNAUTHORIZED,
  revoked: CloseCode.LINK_REVOKED,
  removed: CloseCode.PARTICIPANT_REMOVED,
  expired: CloseCode.LINK_EXPIRED,
};

function asBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

/**
 * `GET /sync/:planId?token=…` upgrades to the y-websocket protocol. The upgrade is
 * always accepted and a refusal is a close code: an HTTP error on the upgrade would
 * make the stock client retry forever, while 44xx codes stop it and say why.
 */
export const syncRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // One fan-out hands the same frame to a room's sockets in a row: framed once for all.
  const framedOnce = new FramedOnce();
  app.get('/sync/:planId', { websocket: true }, (socket: WebSocket, request) => {
    const { planId } = request.params as { planId: string };
    const { token } = request.query as { token?: string };
    // Frames that arrive while the token is checked are kept, in order, in the buffer the
    // relay goes on using while the plan loads: one limit for the whole wait.
    const pending = app.relay.pendingFrames();
    // The upgraded request's TCP stream is the one `ws` writes to.
    const stream = directStream(socket, request.raw.socket);
    let connection: RelayConnection | null = null;
    let closed = false;
    socket.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
      const bytes = asBytes(data);
      if (connection) connection.receive(bytes);
      else if (!pending.push(bytes)) {
        socket.close(
          CloseCode.RATE_LIMITED,
          `more than ${pending.maxBytes} bytes were sent before the link was checked`,
        );
      }
    });

    let alive = true;
    let expiry: NodeJS.Timeout | null = null;
    socket.on('pong', () => {
      alive = true;
    });
    // Venue wifi drops without a goodbye: a socket that stops answering pings is gone.
    const keepalive = setInterval(() => {
      if (!alive) {
        socket.terminate();
        return;
      }
      alive = false;
      socket.ping();
    }, KEEPALIVE_MS);
    socket.on('close', () => {
      closed = true;
      clearInterval(keepalive);
      if (expiry) clearTimeout(expiry);
      connection?.disconnect();
    });

    if (!isPlanId(planId)) {
      socket.close(CloseCode.UNKNOWN_PLAN, 'no plan has this id');
      return;
    }
    const opened = app.store.getPlan(planId).then(async (plan) => {
      if (!plan) throw new UnknownPlanError(planId);
      const principal = await authenticate(app.access, app.vault, planId, token);
      // The relay's review of suggestions reads through the editor, and cannot wait for
      // it once an update is in: loaded (once per process) before the socket of someone
      // who must suggest now is handed over. Nobody else needs it (see suggestionReview).
      const mustSuggest = (doc: Y.Doc) => app.suggestionReview.watchFor(doc, principal.actor);
      if (app.relay.peek(planId, mustSuggest) ?? (await app.relay.read(planId, mustSuggest)))
        await loadEditor();
      return principal;
    });
    opened.then(
      (principal) => {
        if (closed) return;
        connection = app.relay.connect(
          planId,
          {
            send: (data) => framedOnce.send(socket, stream, data),
            close: (code, reason) => socket.close(code, reason),
            // What `ws` holds for a client that does not read; the relay caps it.
            get bufferedAmount() {
              return socket.bufferedAmount;
            },
          },
          {
            participantId: principal.participantId,
            inviteId: principal.inviteId,
            actor: principal.actor,
            presence: {
              participantId: principal.participantId,
              name: principal.name ?? 'Guest',
              role: principal.actor.role,
              groupId: principal.actor.groupId,
            },
          },
          pending,
        );
        if (principal.expiresAt) {
          const wait = principal.expiresAt.getTime() - Date.now();
          if (wait < MAX_TIMER_MS) {
            expiry = setTimeout(
              () => socket.close(CloseCode.LINK_EXPIRED, 'this link has expired'),
              Math.max(0, wait),
            );
          }
        }
      },
      (error: unknown) => {
        if (error instanceof UnknownPlanError) {
          socket.close(CloseCode.UNKNOWN_PLAN, 'no plan has this id');
          return;
        }
        if (error instanceof AccessError) {
          app.log.warn(
            { planId, problem: error.problem },
            'refused a socket: its token does not open this plan',
          );
          app.relayRefusals.count(error.problem);
          socket.close(CLOSE_FOR[error.problem], error.message.slice(0, 120));
          return;
        }
        app.log.error({ planId, err: error }, 'could not check a socket token');
        socket.close(CloseCode.SERVER_ERROR, 'the server could not check your link');
      },
    );
  });
};
