import net from 'node:net';

/** How badly the venue network behaves; every chance is per chunk of bytes forwarded. */
export interface NetworkFaults {
  /** Each chunk waits up to this long (order is kept, as TCP keeps it). */
  maxDelayMs: number;
  /** Chance that a chunk's connection is cut at once (both ends closed). */
  cutChance: number;
  /** Chance that a connection goes silent (a phone whose link died) and is cut later. */
  stallChance: number;
}

/** A network that delivers everything at once and never fails. */
export const HEALTHY: NetworkFaults = { maxDelayMs: 0, cutChance: 0, stallChance: 0 };

/** What the proxy did, for the test's failure messages and the benchmarks. */
export interface ProxyStats {
  connections: number;
  refused: number;
  cuts: number;
  stalls: number;
}

/** One direction of a proxied connection: chunks delivered in order, each after its delay. */
interface Pipe {
  from: net.Socket;
  to: net.Socket;
  /** Chunks waiting, oldest first, each with when it is due. */
  queue: { due: number; chunk: Buffer }[];
  /** Whether a timer will deliver the queue's head. */
  draining: boolean;
}

/**
 * A TCP proxy on loopback between websocket clients and a server that behaves like venue
 * wifi, from a seeded random source: it delays chunks, cuts connections, lets them go
 * silent before cutting them, and refuses new ones while `down`. Bytes are never dropped
 * from the middle of a stream (TCP would not), only whole connections.
 */
export class FaultyProxy {
  readonly #server: net.Server;
  readonly #target: number;
  readonly #random: () => number;
  readonly #open = new Set<net.Socket[]>();
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  /** While true, new connections are closed as they arrive (the access point is down). */
  down = false;
  faults: NetworkFaults;
  readonly stats: ProxyStats = { connections: 0, refused: 0, cuts: 0, stalls: 0 };

  private constructor(target: number, random: () => number, faults: NetworkFaults) {
    this.#target = target;
    this.#random = random;
    this.faults = faults;
    this.#server = net.createServer((client) => this.#accept(client));
  }

  /** Starts a proxy on a free loopback port in front of `targetPort` on loopback. */
  static async start(
    targetPort: number,
    random: () => number,
    faults: NetworkFaults = HEALTHY,
  ): Promise<FaultyProxy> {
    const proxy = new FaultyProxy(targetPort, random, faults);
    // Binding port 0 ends up on a random free port, so tests can run side by side.
    await new Promise<void>((resolve) => proxy.#server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** The proxy's port; clients connect here instead of to the server. */
  get port(): number {
    const address = this.#server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy not listening');
    return address.port;
  }

  /** How many connections are open through the proxy now. */
  get openConnections(): number {
    return this.#open.size;
  }

  /** Cuts every open connection at once (the access point reboots). */
  cutAll(): void {
    for (const pair of [...this.#open]) this.#cut(pair);
  }

  /** Cuts one open connection, chosen at random; false when none is open. */
  cutOne(): boolean {
    const pairs = [...this.#open];
    const pair = pairs[Math.floor(this.#random() * pairs.length)];
    if (!pair) return false;
    this.#cut(pair);
    return true;
  }

  /** Closes the proxy and every connection through it. */
  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    this.cutAll();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(client: net.Socket): void {
    client.on('error', () => {});
    if (this.down) {
      this.stats.refused += 1;
      client.destroy();
      return;
    }
    this.stats.connections += 1;
    const upstream = net.connect(this.#target, '127.0.0.1');
    upstream.on('error', () => {});
    const pair = [client, upstream];
    this.#open.add(pair);
    // A side that closes by itself ends the pair; that is not a fault the proxy made.
    const end = () => this.#cut(pair, false);
    client.on('close', end);
    upstream.on('close', end);
    this.#forward({ from: client, to: upstream, queue: [], draining: false }, pair);
    this.#forward({ from: upstream, to: client, queue: [], draining: false }, pair);
  }

  #forward(pipe: Pipe, pair: net.Socket[]): void {
    pipe.from.on('data', (chunk: Buffer) => {
      if (!this.#open.has(pair)) return;
      const { maxDelayMs, cutChance, stallChance } = this.faults;
      const roll = this.#random();
      if (roll < cutChance) {
        this.#cut(pair);
        return;
      }
      if (roll < cutChance + stallChance) {
        this.#stall(pair);
        return;
      }
      pipe.queue.push({ due: Date.now() + Math.floor(this.#random() * maxDelayMs), chunk });
      this.#drain(pipe, pair);
    });
  }

  /** Delivers the chunks that are due, in order; a chunk waits for every one before it. */
  #drain(pipe: Pipe, pair: net.Socket[]): void {
    if (pipe.draining) return;
    while (pipe.queue.length > 0 && this.#open.has(pair)) {
      const head = pipe.queue[0];
      if (!head) break;
      const wait = head.due - Date.now();
      if (wait > 0) {
        pipe.draining = true;
        this.#later(wait, () => {
          pipe.draining = false;
          this.#drain(pipe, pair);
        });
        return;
      }
      pipe.queue.shift();
      pipe.to.write(head.chunk);
    }
  }

  /** The connection stops delivering anything, then is cut after 50-300 ms. */
  #stall(pair: net.Socket[]): void {
    this.stats.stalls += 1;
    for (const socket of pair) socket.pause();
    // Silent sockets deliver nothing more: forget the pair for delivery, cut it later.
    this.#open.delete(pair);
    this.#later(50 + Math.floor(this.#random() * 250), () => {
      for (const socket of pair) socket.destroy();
    });
  }

  #cut(pair: net.Socket[], fault = true): void {
    if (!this.#open.delete(pair)) return;
    if (fault) this.stats.cuts += 1;
    for (const socket of pair) socket.destroy();
  }

  #later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, ms);
    this.#timers.add(timer);
  }
}
