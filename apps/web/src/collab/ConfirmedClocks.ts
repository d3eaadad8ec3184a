import type { ServerConfirmations } from '@plenary/editor';
import * as Y from 'yjs';

/** An own Yjs client and the first clock of it the server has not confirmed, as kept on the device. */
export type KeptClock = readonly [client: number, from: number];

/**
 * How far the server has confirmed storing what this device wrote, per Yjs client: the
 * page's own client and those of earlier sessions whose text the device's copy brought
 * back. Driven by the same save acknowledgement as the indicator's count: each save
 * request remembers the clocks sent before it, and its echo confirms them.
 */
export class ConfirmedClocks implements ServerConfirmations {
  readonly #doc: Y.Doc;
  readonly #from = new Map<number, number>();
  /** For each save request still unanswered: the own clocks the server will have once it is stored. */
  readonly #atRequest = new Map<number, ReadonlyMap<number, number>>();
  /**
   * Whether this socket answered the server's sync step 1. Before that, local changes are
   * held back (the step 2 answer carries them), so a request then covers nothing new.
   */
  #answered = false;
  #connected = false;
  readonly #listeners = new Set<() => void>();

  constructor(doc: Y.Doc) {
    this.#doc = doc;
  }

  /** See ServerConfirmations; always includes the page's own client. */
  unconfirmedFrom = (): ReadonlyMap<number, number> => {
    this.#ownClient();
    return this.#from;
  };

  /** See ServerConfirmations. */
  connected = (): boolean => this.#connected;

  /** See ServerConfirmations. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** The device's copy brought back text of earlier sessions, unconfirmed from these clocks. */
  restore(kept: readonly KeptClock[]): void {
    for (const [client, from] of kept) {
      if (client !== this.#doc.clientID) this.#from.set(client, from);
    }
    this.#emit();
  }

  /** A socket opened (true) or closed (false); requests sent on an earlier one will not be answered. */
  socketOpen(open: boolean): void {
    this.#answered = false;
    this.#atRequest.clear();
    if (open === this.#connected) return;
    this.#connected = open;
    this.#emit();
  }

  /** This socket's answer to the server's sync step 1, with everything made here, is on its way. */
  answeredSyncStep1(): void {
    this.#answered = true;
  }

  /** Save request `nonce` went out, after everything sent so far. */
  requested(nonce: number): void {
    if (!this.#answered) return;
    this.#ownClient();
    const clocks = new Map<number, number>();
    for (const client of this.#from.keys()) clocks.set(client, Y.getState(this.#doc.store, client));
    this.#atRequest.set(nonce, clocks);
  }

  /** The server echoed save request `nonce`: what was sent before it is stored. */
  acknowledged(nonce: number): void {
    let changed = false;
    for (const [request, clocks] of this.#atRequest) {
      if (request > nonce) continue;
      this.#atRequest.delete(request);
      for (const [client, clock] of clocks) {
        if (clock <= (this.#from.get(client) ?? 0)) continue;
        this.#from.set(client, clock);
        changed = true;
      }
    }
    if (changed) this.#emit();
  }

  /** The clients with text the server has not confirmed, to keep on the device beside it. */
  toKeep(): KeptClock[] {
    const kept: KeptClock[] = [];
    for (const [client, from] of this.unconfirmedFrom()) {
      if (Y.getState(this.#doc.store, client) > from) kept.push([client, from]);
    }
    return kept;
  }

  #ownClient(): void {
    // Nothing of a new session's client is on the server yet.
    if (!this.#from.has(this.#doc.clientID)) this.#from.set(this.#doc.clientID, 0);
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}
