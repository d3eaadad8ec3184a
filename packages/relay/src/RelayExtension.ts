import type * as Y from 'yjs';
import type * as Events from './RelayEvents.ts';
import type { ConnectionContext } from './types.ts';

/**
 * What a hook may do with the plans in reply to an event: read or change them through
 * their rooms' queues (the relay itself). Handed to the hooks rather than to the
 * extensions' constructors, so an extension is built before the relay that runs it.
 */
export interface PlanDocuments {
  /** Changes a plan as one transaction, stored and sent to everyone (see `Relay#transact`). */
  transact<T>(planId: string, change: (doc: Y.Doc) => T, participantId?: string | null): Promise<T>;
  /** Reads a plan's live document in its queue (see `Relay#read`). */
  read<T>(planId: string, reader: (doc: Y.Doc) => T): Promise<T>;
  /** Reads an open plan's live document at once, outside its queue (see `Relay#peek`). */
  peek<T>(planId: string, reader: (doc: Y.Doc) => T): T | null;
  /**
   * Sends `note` to the extension named `extension` in the other processes serving the plan
   * (scaled out; nothing without them), to be heard there after whatever this process stored
   * before it (see `Relay#tellOtherProcesses`).
   */
  tellOtherProcesses(planId: string, extension: string, note: string): void;
}

/** An event as a hook receives it: with the plans, to reply through. */
export type WithPlans<Event> = Event & { plans: PlanDocuments };

/**
 * A client's update that brings something new (structs beyond the server's state, or
 * touched roots), as the hooks that may refuse it see it.
 */
export interface UpdateCheck {
  planId: string;
  /** Who sent it, as the server established on upgrade. */
  context: ConnectionContext;
  /** The roots of the plan it changes. */
  touchedRoots: ReadonlySet<string>;
  /** The plan's document as it is before the update is applied; not to be changed. */
  doc: Y.Doc;
}

/**
 * A second look's check, run once the update is applied. A long check awaits `pause()`
 * now and then (null: no need to wait yet) to let other plans and sockets be served;
 * the room's queue waits for it, so the document does not change meanwhile.
 */
export type ReviewCheck = (
  pause: () => Promise<void> | null,
) => string | null | Promise<string | null>;

/**
 * One concern the relay runs at its extension points (auto-versions, the suggestion
 * check, counting refusals...). Every hook is optional. The relay calls the extensions in
 * order of `priority`, higher first, and those of equal priority in the order it was given
 * them. A hook that throws stops the ones after it, and the relay treats the throw as it
 * treats any failure at that point (an event hook's throw fails the plan's room).
 */
export interface RelayExtension {
  /** Names the extension in logs and tests. */
  readonly name: string;
  /** Higher runs first; `DEFAULT_EXTENSION_PRIORITY` when absent. */
  readonly priority?: number;
  /**
   * May refuse an update before it is applied: returns the reason, in words the client
   * can show, or null. The first refusal closes the sender; later extensions are not asked.
   */
  beforeUpdate?(update: UpdateCheck): string | null;
  /**
   * A second look, for what the roots an update touches cannot tell (e.g. that a change is
   * only its sender's suggestion). Asked just before the update is applied; returns null
   * when the update needs no second look, or the check to run once it is applied, which
   * returns the reason for refusing or null. The checks run in the extensions' order and
   * the first reason refuses: the update is never stored or sent, and the room takes it
   * back by loading its document from storage. A large update is applied in pieces and
   * judged once all are in; each section is read before the first piece that touches it.
   */
  reviewUpdate?(update: UpdateCheck): ReviewCheck | null;
  /**
   * After a client's update is stored, for work the server does in reply (e.g. repairing
   * a section); a `plans.transact` started here runs after the update, in the room's queue.
   */
  onClientUpdate?(event: WithPlans<Events.ClientUpdateEvent>): void;
  /**
   * After a participant's update that another process took and stored is applied here
   * (scaled out), for what each process keeps of who changed what. Work in reply belongs
   * to `onClientUpdate`, which only the process that took the update runs.
   */
  onOtherProcessUpdate?(event: WithPlans<Events.OtherProcessUpdateEvent>): void;
  /**
   * A note that this extension's namesake in another process serving the plan sent
   * (`PlanDocuments.tellOtherProcesses`), heard in the plan's queue once the updates that
   * process stored before sending it are applied here.
   */
  onOtherProcessNote?(event: WithPlans<Events.OtherProcessNoteEvent>): void;
  /** After any update (a client's or the server's own) is stored and sent. */
  onUpdateStored?(event: WithPlans<Events.UpdateStoredEvent>): void;
  /** After a frame or a socket was refused with a close code. */
  onRefusal?(event: WithPlans<Events.RefusalEvent>): void;
  /** When the relay is asked to close, before it writes its open plans back: finish changing them. */
  beforeClose?(): Promise<void>;
  /** Once the relay has written every open plan back: finish what reads storage, before it closes. */
  afterClose?(): Promise<void>;
}

/** The priority of an extension that names none (as Hocuspocus has it). */
export const DEFAULT_EXTENSION_PRIORITY = 100;
