// The floor of the side-by-side relay comparison: a relay that does nothing but forward.
// Every update frame a client sends is written, unchanged, to the other sockets of its room;
// nothing is stored, no Yjs document is kept, nothing of an update frame is read past its
// first two bytes. Its CPU per delivery is what the socket work costs any relay that sends
// one frame per update per recipient, the part no relay design that keeps doing so can cut.
//
// Presence is forwarded the same way, once per change. The stock provider sends every
// presence update it applies back to the server, others' included; the reference relay (and
// Plenary) pass on only what changes their copy of the room's presence, and a relay that
// passed the echoes on would have every client echo every echo (at 200 clients, 40,000
// frames for one client's presence). So the floor reads a presence frame's client ids and
// clocks, and forwards it unchanged if it brings a newer clock for any of them.
//
// Stock y-websocket clients work with it unchanged. A client's "what am I missing" (sync
// step 1) is passed to one peer already in the room, whose stock provider answers it (sync
// step 2), and that answer is passed back to the asker alone: the room's content comes from
// a peer, as it would over WebRTC. The first client of a room is told that nothing is
// missing. The answer is a join-time exchange only; under typing, the path is
// receive -> read two bytes -> write to each other socket.
//
// Started by the harness as its own process, like the reference relay (PORT, HOST).
// Plain JavaScript, so that no TypeScript loader runs inside the measured process.
import http from 'node:http';
import * as decoding from 'lib0/decoding';
import { WebSocketServer } from 'ws';

/** y-websocket's message types (the frame's first byte). */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
/** y-protocols' sync steps (the second byte of a sync frame). */
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
/** A sync step 2 carrying an empty Yjs update (no structs, no deletions): nothing missing. */
const NOTHING_MISSING = Uint8Array.of(MESSAGE_SYNC, SYNC_STEP_2, 2, 0, 0);

/** One room's sockets, in joining order, and the sync answers each peer owes an asker. */
class Room {
  /** @type {Set<import('ws').WebSocket>} */
  sockets = new Set();
  /** @type {Map<import('ws').WebSocket, { asker: import('ws').WebSocket, question: Buffer }[]>} */
  owed = new Map();
  /** @type {Map<number, { clock: number, removed: boolean }>} the newest presence clock per client */
  presence = new Map();

  /**
   * True when a presence frame brings something new: a newer clock for one of its clients,
   * or a removal at the same clock (as y-protocols' awareness applies them).
   */
  newPresence(data) {
    const frame = decoding.createDecoder(data);
    decoding.readVarUint(frame);
    const update = decoding.createDecoder(decoding.readVarUint8Array(frame));
    let fresh = false;
    for (let left = decoding.readVarUint(update); left > 0; left--) {
      const clientId = decoding.readVarUint(update);
      const clock = decoding.readVarUint(update);
      const removed = decoding.readVarString(update) === 'null';
      const known = this.presence.get(clientId);
      if (!known || known.clock < clock || (known.clock === clock && removed && !known.removed)) {
        this.presence.set(clientId, { clock, removed });
        fresh = true;
      }
    }
    return fresh;
  }

  /** Sends `data` to every socket of the room but `from`. */
  forward(from, data) {
    for (const socket of this.sockets) if (socket !== from) socket.send(data);
  }

  /** Passes `asker`'s sync step 1 to the longest-present peer; alone, it has everything. */
  ask(asker, question) {
    for (const peer of this.sockets) {
      if (peer === asker) continue;
      const debts = this.owed.get(peer) ?? [];
      debts.push({ asker, question });
      this.owed.set(peer, debts);
      peer.send(question);
      return;
    }
    asker.send(NOTHING_MISSING);
  }

  /** A peer's sync step 2 goes to the asker it answers, in the order they asked. */
  answer(peer, data) {
    const debt = this.owed.get(peer)?.shift();
    if (debt && debt.asker.readyState === debt.asker.OPEN) debt.asker.send(data);
  }

  /** A socket left: whoever waits for its answer asks someone else. */
  leave(socket) {
    this.sockets.delete(socket);
    const debts = this.owed.get(socket) ?? [];
    this.owed.delete(socket);
    for (const { asker, question } of debts) if (this.sockets.has(asker)) this.ask(asker, question);
  }
}

/** @type {Map<string, Room>} */
const rooms = new Map();
const wss = new WebSocketServer({ noServer: true });

wss.on('connection', (socket, request) => {
  const name = (request.url ?? '/').slice(1).split('?')[0] ?? '';
  const room = rooms.get(name) ?? new Room();
  rooms.set(name, room);
  room.sockets.add(socket);
  socket.on('message', (data, isBinary) => {
    if (!isBinary || !Buffer.isBuffer(data) || data.length < 2) return;
    const type = data[0];
    if (type === MESSAGE_AWARENESS) {
      let fresh = false;
      try {
        fresh = room.newPresence(data);
      } catch {
        // A presence frame that does not decode is dropped, as the reference drops it.
      }
      if (fresh) room.forward(socket, data);
    } else if (type === MESSAGE_SYNC) {
      const step = data[1];
      if (step === SYNC_UPDATE) room.forward(socket, data);
      else if (step === SYNC_STEP_1) room.ask(socket, data);
      else if (step === SYNC_STEP_2) room.answer(socket, data);
    }
  });
  socket.on('close', () => {
    room.leave(socket);
    if (room.sockets.size === 0) rooms.delete(name);
  });
});

const server = http.createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.end('forwarding');
});
server.on('upgrade', (request, socket, head) => {
  wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(Number(process.env.PORT ?? 1234), process.env.HOST ?? '127.0.0.1');
