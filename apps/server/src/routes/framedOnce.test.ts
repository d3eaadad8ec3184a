import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { binaryFrame, directStream, FramedOnce } from './framedOnce.ts';

interface Pair {
  server: WebSocket;
  /** The TCP stream of the server's socket, as the upgraded request holds it. */
  stream: Socket;
  client: WebSocket;
  /** What the client received, in order: data as bytes, pings as 'ping'. */
  received: (Uint8Array | 'ping')[];
}

let servers: WebSocketServer[] = [];

afterEach(async () => {
  for (const server of servers) {
    for (const socket of server.clients) socket.terminate();
    await new Promise((resolve) => server.close(resolve));
  }
  servers = [];
});

/** A `ws` server and client joined over loopback; port 0 picks a free port. */
async function pair(perMessageDeflate = false): Promise<Pair> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate });
  servers.push(wss);
  await new Promise((resolve) => wss.once('listening', resolve));
  const accepted = new Promise<[WebSocket, Socket]>((resolve) =>
    wss.once('connection', (socket, request) => resolve([socket, request.socket as Socket])),
  );
  const { port } = wss.address() as AddressInfo;
  const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate });
  const received: Pair['received'] = [];
  client.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  client.on('ping', () => received.push('ping'));
  const [server, stream] = await accepted;
  await new Promise((resolve) => client.once('open', resolve));
  return { server, stream, client, received };
}

async function until(check: () => boolean): Promise<void> {
  await vi.waitFor(() => expect(check()).toBe(true), { timeout: 5_000, interval: 5 });
}

const bytes = (length: number, seed: number) =>
  Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);

describe('FramedOnce', () => {
  it('sends frames of every header size, in order with the pings ws writes between them', async () => {
    const { server, stream, received } = await pair();
    expect(directStream(server, stream)).toBe(stream);
    const framedOnce = new FramedOnce();
    const write = vi.spyOn(stream, 'write');
    // 125, 126, 65,535 and 65,536 bytes are where the header's length field changes size.
    const sizes = [0, 1, 125, 126, 65_535, 65_536, 200_000];
    const sent = sizes.map((size, i) => bytes(size, i));
    for (const data of sent) {
      framedOnce.send(server, stream, data);
      server.ping();
    }
    await until(() => received.length === sent.length * 2);
    expect(received).toEqual(sent.flatMap((data) => [data, 'ping']));
    // Each frame went out as one write of header and payload.
    for (const data of sent) expect(write).toHaveBeenCalledWith(binaryFrame(data));
  });

  it('frames the same bytes once for every socket they go to', () => {
    const framedOnce = new FramedOnce();
    const update = bytes(40, 1);
    const frame = framedOnce.frame(update);
    expect(framedOnce.frame(update)).toBe(frame);
    expect(framedOnce.frame(bytes(40, 1))).not.toBe(frame);
  });

  it('leaves a closing socket to ws, which writes nothing after the close frame', async () => {
    const { server, stream, client, received } = await pair();
    const framedOnce = new FramedOnce();
    const write = vi.spyOn(stream, 'write');
    const closed = new Promise<number>((resolve) => client.once('close', resolve));
    const late = bytes(10, 2);
    server.close(4000, 'done');
    framedOnce.send(server, stream, late);
    expect(await closed).toBe(4000);
    expect(received).toEqual([]);
    expect(write).not.toHaveBeenCalledWith(framedOnce.frame(late));
  });

  it('leaves a compressed socket to ws, which holds frames back while it compresses', async () => {
    const { server, stream, client, received } = await pair(true);
    expect(client.extensions).toContain('permessage-deflate');
    const framedOnce = new FramedOnce();
    const write = vi.spyOn(stream, 'write');
    const first = bytes(2_000, 3);
    const second = bytes(10, 4);
    server.send(first, { binary: true });
    expect(directStream(server, stream)).toBeNull();
    framedOnce.send(server, directStream(server, stream), second);
    await until(() => received.length === 2);
    expect(received).toEqual([first, second]);
    expect(write).not.toHaveBeenCalledWith(framedOnce.frame(second));
  });
});
