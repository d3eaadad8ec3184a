import { closeOutcome } from './closeNotices.ts';
import type { PlanConnection } from './planConnection.ts';
import type { SectionText } from './sectionTexts.ts';

/** Why the session started over or stopped, for the refusal notice. */
export interface SessionNotice {
  /**
   * `recovered`: the server refused a change, and the plan started over from its copy;
   * `stopped`: the fresh copy was refused again at once, so nothing more is tried;
   * `ended`: the link was withdrawn or expired, or the plan is gone;
   * `displaced`: the same person opened the plan in too many places, and this one let go.
   */
  kind: 'recovered' | 'stopped' | 'ended' | 'displaced';
  code: number;
  /** The server's reason, e.g. why a change was refused. */
  reason: string;
}

/** The open plan as the page shows it. */
export interface PlanSessionState {
  connection: PlanConnection;
  /** How many times a refused doc was replaced; keys the editors so they bind anew. */
  generation: number;
  notice: SessionNotice | null;
  /** Text of this device that the server does not have, per section, for copying. */
  unsaved: SectionText[];
  /**
   * The refused doc as Markdown, for downloading: taken before its copy on this device was
   * deleted, so that nothing refused is lost. Null when nothing was refused.
   */
  refusedCopy: string | null;
}

/**
 * How a refused doc's text is kept: per section as plain words, and the whole plan as
 * Markdown. They read the text with the editor's schema, so they are loaded only when a
 * doc is refused (a projector never needs them).
 */
export interface RefusedTextReaders {
  sectionTexts: (doc: PlanConnection['doc']) => Map<string, SectionText>;
  planMarkdown: (doc: PlanConnection['doc']) => string;
}

/**
 * The sections whose text here differs from the server's copy: what a refused doc held
 * that the fresh one from the server does not. Empty local text is left out, since
 * there is nothing in it to copy.
 */
function textsNotOnServer(
  local: ReadonlyMap<string, SectionText>,
  server: ReadonlyMap<string, SectionText>,
): SectionText[] {
  return [...local.values()].filter(
    (section) => section.text.trim() !== '' && server.get(section.sectionId)?.text !== section.text,
  );
}

/** Opens a connection to the plan, its device copy opening once `after` settles. */
export type ConnectPlan = (after: Promise<unknown>) => PlanConnection;

/**
 * A refusal this soon after starting over counts as "refused again at once": a loop of
 * fresh docs is worse than asking the person to reload.
 */
export const REFUSAL_LOOP_MS = 10_000;

/**
 * Keeps a plan open across the server's refusals. A doc whose update the server refused
 * is never reused (the provider would resend the rejected update forever): the text
 * it held is kept as plain words, the doc is thrown away, and a fresh doc and provider
 * start over from the server's copy. Once the fresh doc has synced, the sections whose
 * text differs from the server's are offered for copying.
 */
export class PlanSession {
  readonly #connect: ConnectPlan;
  readonly #loadReaders: () => Promise<RefusedTextReaders>;
  /** Loaded at the first refusal. */
  #readers: RefusedTextReaders | null = null;
  readonly #now: () => number;
  #state: PlanSessionState;
  /** True once this device changed the current doc (as opposed to the server). */
  #editedHere = false;
  #lastRestartAt = Number.NEGATIVE_INFINITY;
  /** The refused doc's texts, waiting for the fresh doc's first sync to compare. */
  #refusedTexts: Map<string, SectionText> | null = null;
  #detach: () => void = () => {};
  #closed = false;
  readonly #listeners = new Set<() => void>();

  constructor(
    connect: ConnectPlan,
    loadReaders: () => Promise<RefusedTextReaders>,
    now: () => number = Date.now,
  ) {
    this.#connect = connect;
    this.#loadReaders = loadReaders;
    this.#now = now;
    this.#state = {
      connection: this.#open(Promise.resolve()),
      generation: 0,
      notice: null,
      unsaved: [],
      refusedCopy: null,
    };
  }

  /** The current state; the same object until something changes (for useSyncExternalStore). */
  getState = (): PlanSessionState => this.#state;

  /** Calls `listener` whenever the state changes; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** The person has read the notice. */
  dismissNotice(): void {
    if (this.#state.notice?.kind === 'recovered') this.#set({ ...this.#state, notice: null });
  }

  /** The person has copied what they needed from the unsaved text. */
  dismissUnsaved(): void {
    this.#set({ ...this.#state, unsaved: [], refusedCopy: null });
  }

  /**
   * Deletes this device's copy of a plan that has ended here (the link withdrawn, the plan
   * deleted), once the person downloaded it or chose to let it go.
   */
  async discardLocalCopy(): Promise<void> {
    if (this.#state.notice?.kind !== 'ended') return;
    await this.#state.connection.local?.clear();
  }

  /** Leaves the plan. */
  close(): void {
    this.#closed = true;
    this.#detach();
    this.#state.connection.close();
    this.#listeners.clear();
  }

  #open(after: Promise<unknown>): PlanConnection {
    const connection = this.#connect(after);
    const { doc, provider } = connection;
    this.#editedHere = false;
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      // The provider applies what the server sends; anything else was done here.
      if (origin !== provider) this.#editedHere = true;
    };
    const onClose = (event: Pick<CloseEvent, 'code' | 'reason'> | null) => {
      // A null event is a close made here (leaving, the silence watchdog).
      if (event) this.#onClose(connection, event);
    };
    const onSync = (synced: boolean) => {
      if (synced) this.#compareWithServer(connection);
    };
    doc.on('update', onUpdate);
    provider.on('connection-close', onClose);
    provider.on('sync', onSync);
    this.#detach = () => {
      doc.off('update', onUpdate);
      provider.off('connection-close', onClose);
      provider.off('sync', onSync);
    };
    return connection;
  }

  #onClose(connection: PlanConnection, event: Pick<CloseEvent, 'code' | 'reason'>): void {
    if (this.#closed || connection !== this.#state.connection) return;
    const outcome = closeOutcome(event.code);
    if (outcome === 'transient') return;
    const notice = { code: event.code, reason: event.reason };
    if (outcome === 'ended' || outcome === 'displaced') {
      // The provider does not reconnect after a 44xx close; the doc stays to read and copy.
      this.#detach();
      this.#set({ ...this.#state, notice: { kind: outcome, ...notice } });
      return;
    }
    // A fresh doc that is refused before anyone here touched it, or right after the last
    // start-over, would be refused the same way again.
    const again = !this.#editedHere || this.#now() - this.#lastRestartAt < REFUSAL_LOOP_MS;
    if (again) {
      this.#detach();
      this.#set({ ...this.#state, notice: { kind: 'stopped', ...notice } });
      return;
    }
    // Also lets the provider finish its close handler before the provider is replaced. The
    // refused doc stays as it is until its text has been read.
    this.#loadReaders().then(
      (readers) => {
        this.#readers = readers;
        const texts = readers.sectionTexts(connection.doc);
        this.#startOver(connection, texts, readers.planMarkdown(connection.doc), notice);
      },
      () => {
        // Without the readers the refused text could not be kept: keep the doc instead,
        // and stop, as for a refusal that would repeat.
        if (this.#closed || connection !== this.#state.connection) return;
        this.#detach();
        this.#set({ ...this.#state, notice: { kind: 'stopped', ...notice } });
      },
    );
  }

  #startOver(
    refused: PlanConnection,
    texts: Map<string, SectionText>,
    markdown: string,
    notice: Omit<SessionNotice, 'kind'>,
  ): void {
    if (this.#closed || refused !== this.#state.connection) return;
    this.#detach();
    // The refused doc's copy on this device would be refused again: it goes, and the
    // fresh doc's copy opens under the same name only once it is gone.
    const cleared = refused.discard();
    this.#lastRestartAt = this.#now();
    this.#refusedTexts = new Map([...(this.#refusedTexts ?? []), ...texts]);
    this.#set({
      ...this.#state,
      connection: this.#open(cleared),
      generation: this.#state.generation + 1,
      notice: { kind: 'recovered', ...notice },
      refusedCopy: markdown,
    });
  }

  #compareWithServer(connection: PlanConnection): void {
    const refused = this.#refusedTexts;
    const readers = this.#readers;
    if (refused === null || readers === null || connection !== this.#state.connection) return;
    this.#refusedTexts = null;
    const lost = textsNotOnServer(refused, readers.sectionTexts(connection.doc));
    if (lost.length === 0) return;
    // Newer text of a section replaces older; other sections' text stays until dismissed.
    const bySection = new Map(this.#state.unsaved.map((text) => [text.sectionId, text]));
    for (const text of lost) bySection.set(text.sectionId, text);
    this.#set({ ...this.#state, unsaved: [...bySection.values()] });
  }

  #set(state: PlanSessionState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener();
  }
}
