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

/** The presence field the caret plugin keeps a person's caret in (y-tiptap's default). */
export const CARET_FIELD = 'cursor';

/** A caret as the caret plugin hands it over: two relative positions. */
interface Caret {
  anchor: Y.RelativePosition;
  head: Y.RelativePosition;
}

const isPosition = (value: unknown): value is Y.RelativePosition =>
  typeof value === 'object' && value !== null && 'item' in value && 'assoc' in value;

function isCaret(value: unknown): value is Caret {
  if (typeof value !== 'object' || value === null) return false;
  const { anchor, head } = value as Partial<Caret>;
  return isPosition(anchor) && isPosition(head);
}

/**
 * The position tied to the text after it. y-prosemirror ties a caret to the character
 * before it, so each typed character moves it and the caret went out to everyone with every
 * keystroke; tied to what follows, typing (or deleting backwards) at the caret leaves it
 * where it is, and others still see it after the new text, which lands before what it is
 * tied to. A position this doc cannot place is kept as it is.
 */
function tiedToFollowing(position: Y.RelativePosition, doc: Y.Doc): Y.RelativePosition {
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  return absolute
    ? Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, 0)
    : position;
}

function tiedToWhatFollows(caret: Caret, doc: Y.Doc): Caret {
  return { anchor: tiedToFollowing(caret.anchor, doc), head: tiedToFollowing(caret.head, doc) };
}

function sameCaret(caret: Caret, published: unknown): boolean {
  if (!isCaret(published)) return false;
  const same = (a: Y.RelativePosition, b: Y.RelativePosition) =>
    Y.compareRelativePositions(a, Y.createRelativePositionFromJSON(b));
  return same(caret.anchor, published.anchor) && same(caret.head, published.head);
}

/**
 * The plan's one awareness as one section's caret plugin sees it: everything passes
 * through, except that `change` reaches a listener only when the caret of someone who
 * changed is, or was until now, in this section. Every section editor draws carets, and
 * every keystroke moves the typist's caret: without this, each keystroke would redraw the
 * carets of every section of the plan. This person's caret goes out tied to the text after
 * it (see tiedToFollowing), and only when that changes: typing goes out as text alone.
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
    if (field === CARET_FIELD && isCaret(value)) {
      const doc = this.#fragment.doc;
      const caret = doc ? tiedToWhatFollows(value, doc) : value;
      // The caret plugin publishes on every transaction, and again for every change that
      // someone else makes: what it would say again, everyone has already.
      if (sameCaret(caret, this.#awareness.getLocalState()?.[CARET_FIELD])) return;
      this.#awareness.setLocalStateField(field, caret);
      return;
    }
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
