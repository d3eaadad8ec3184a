import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';

/** What an awareness `change` event says changed, as y-protocols emits it. */
interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

type ChangeListener = (change: AwarenessChange, origin: unknown) => void;

/** A caret in a person's presence, as y-prosemirror writes it (relative positions as JSON). */
interface CaretState {
  cursor?: { anchor?: unknown; head?: unknown } | null;
}

/**
 * The plan's one awareness as one section's caret plugin sees it: everything passes
 * through, except that `change` reaches a listener only when the caret of someone who
 * changed is, or was until now, in this section. Every section editor draws carets, and
 * every keystroke moves the typist's caret: without this, each keystroke would redraw the
 * carets of every section of the plan.
 */
export class SectionAwareness {
  readonly #awareness: Awareness;
  readonly #fragment: Y.XmlFragment;
  /** Whose caret was in this section when last looked at. */
  readonly #inside = new Set<number>();
  readonly #listeners = new Map<ChangeListener, ChangeListener>();

  constructor(awareness: Awareness, fragment: Y.XmlFragment) {
    this.#awareness = awareness;
    this.#fragment = fragment;
    for (const [clientId, state] of awareness.getStates())
      if (clientId !== fragment.doc?.clientID && this.#caretInside(state))
        this.#inside.add(clientId);
  }

  get clientID(): number {
    return this.#awareness.clientID;
  }

  get doc(): Y.Doc {
    return this.#awareness.doc;
  }

  get states(): Map<number, Record<string, unknown>> {
    return this.#awareness.states;
  }

  getStates(): Map<number, Record<string, unknown>> {
    return this.#awareness.getStates();
  }

  getLocalState(): Record<string, unknown> | null {
    return this.#awareness.getLocalState();
  }

  setLocalStateField(field: string, value: unknown): void {
    this.#awareness.setLocalStateField(field, value);
  }

  on(name: string, listener: ChangeListener): void {
    if (name !== 'change') {
      this.#awareness.on(name, listener);
      return;
    }
    const filtered: ChangeListener = (change, origin) => {
      if (this.#concerns(change)) listener(change, origin);
    };
    this.#listeners.set(listener, filtered);
    this.#awareness.on('change', filtered);
  }

  off(name: string, listener: ChangeListener): void {
    if (name !== 'change') {
      this.#awareness.off(name, listener);
      return;
    }
    const filtered = this.#listeners.get(listener);
    if (!filtered) return;
    this.#listeners.delete(listener);
    this.#awareness.off('change', filtered);
  }

  // Whether a change moves a caret into, within or out of this section. The typist's own
  // caret is never drawn in their own editors (the caret plugin skips the doc's client),
  // so its moves, one per keystroke, concern no section.
  #concerns({ added, updated, removed }: AwarenessChange): boolean {
    let concerns = false;
    for (const clientId of removed) concerns = this.#inside.delete(clientId) || concerns;
    const states = this.#awareness.getStates();
    const own = this.#fragment.doc?.clientID;
    for (const clientId of [...added, ...updated]) {
      if (clientId === own) continue;
      const was = this.#inside.has(clientId);
      const is = this.#caretInside(states.get(clientId));
      if (is) this.#inside.add(clientId);
      else this.#inside.delete(clientId);
      concerns = concerns || was || is;
    }
    return concerns;
  }

  #caretInside(state: CaretState | undefined): boolean {
    const cursor = state?.cursor;
    if (!cursor) return false;
    return this.#holds(cursor.anchor) || this.#holds(cursor.head);
  }

  // Whether a relative position (as JSON) points into this section's fragment.
  #holds(position: unknown): boolean {
    const doc = this.#fragment.doc;
    if (!doc || typeof position !== 'object' || position === null) return false;
    let absolute: Y.AbsolutePosition | null;
    try {
      absolute = Y.createAbsolutePositionFromRelativePosition(
        Y.createRelativePositionFromJSON(position),
        doc,
      );
    } catch {
      return false;
    }
    // Text this doc has not received yet may be in this section: count it in, so the
    // caret is taken away here when it moves on.
    if (!absolute) return true;
    let type: Y.AbstractType<unknown> | null = absolute.type;
    while (type && type !== this.#fragment) type = (type._item?.parent as typeof type) ?? null;
    return type === this.#fragment;
  }
}
