import type { Page, WebSocketRoute } from '@playwright/test';

/** A close to pass on: codes such as 1005 (none given) and 1006 (dropped) cannot be sent. */
const sendable = (code: number | undefined, reason: string | undefined) =>
  code === 1000 || (code !== undefined && code >= 3000 && code <= 4999)
    ? { code, reason }
    : { code: 1001, reason: reason ?? '' };

/**
 * One person's sync connection routed through the test, so that the venue wifi can drop
 * and come back on cue: `drop` closes the socket and turns new ones away, `restore` lets
 * them through again, optionally holding the server's frames back (a slow network) until
 * `release`.
 */
export class VenueWifi {
  #down = false;
  #holding = false;
  readonly #held: (() => void)[] = [];
  readonly #open = new Set<WebSocketRoute>();
  /** How many sockets the page opened while the wifi was up. */
  connections = 0;

  private constructor() {}

  /**
   * Routes the sync sockets (`/sync/<planId>`) of a page, or of every page of a browser
   * context (a tab closed and opened again); call before the plan opens.
   */
  static async install(where: Pick<Page, 'routeWebSocket'>): Promise<VenueWifi> {
    const wifi = new VenueWifi();
    await where.routeWebSocket(/\/sync\//, (socket) => wifi.#route(socket));
    return wifi;
  }

  /** The wifi drops: the open socket closes, and new ones are closed as they open. */
  drop(): void {
    this.#down = true;
    for (const socket of this.#open) void socket.close({ code: 1001, reason: 'wifi dropped' });
    this.#open.clear();
  }

  /** The wifi is back; with `slow`, the server's frames wait for `release`. */
  restore({ slow = false }: { slow?: boolean } = {}): void {
    this.#down = false;
    this.#holding = slow;
  }

  /** Delivers the server's held frames, in order, and stops holding. */
  release(): void {
    this.#holding = false;
    for (const deliver of this.#held.splice(0)) deliver();
  }

  #route(socket: WebSocketRoute): void {
    if (this.#down) {
      void socket.close({ code: 1001, reason: 'wifi is down' });
      return;
    }
    this.connections += 1;
    this.#open.add(socket);
    const server = socket.connectToServer();
    socket.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      const deliver = () => socket.send(message);
      if (this.#holding) this.#held.push(deliver);
      else deliver();
    });
    socket.onClose((code, reason) => {
      this.#open.delete(socket);
      void server.close(sendable(code, reason));
    });
    server.onClose((code, reason) => {
      this.#open.delete(socket);
      void socket.close(sendable(code, reason));
    });
  }
}
