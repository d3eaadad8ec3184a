/**
 * Which root types an update would change: every new item and every new deletion is
 * traced to the root it lands in, the way Yjs itself will place it, using the server's
 * document for anything the update refers to.
 *
 * The rules mirror `Item.getMissing` and `Item.integrate` in yjs 13.6 (pinned):
 * - an item names its parent only when it has neither origin nor right origin;
 *   otherwise its parent is its left neighbour's, then its right neighbour's;
 * - a neighbour that is garbage-collected makes Yjs drop the item (no root touched);
 * - an item that starts before the server's clock for its client is linked after the
 *   server's item at (client, state - 1), whatever parent it declares, so both must
 *   agree or the update is forged.
 */
import * as Y from 'yjs';

type Struct = Y.Item | Y.GC | Y.Skip;
/** A root name, or null when Yjs would discard the item. */
type Root = string | null;

/** Thrown for an update whose items cannot be placed consistently. */
export class ForgedUpdateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForgedUpdateError';
  }
}

/** Resolves roots for one decoded update against the server's document. */
export class UpdateRootResolver {
  private readonly rootNames = new Map<Y.AbstractType<unknown>, string>();
  private readonly byClient = new Map<number, Struct[]>();
  private readonly memo = new Map<Struct, Root>();
  private readonly visiting = new Set<Struct>();

  constructor(
    private readonly doc: Y.Doc,
    structs: readonly Struct[],
  ) {
    for (const [name, type] of doc.share) this.rootNames.set(type as Y.AbstractType<unknown>, name);
    for (const struct of structs) {
      const list = this.byClient.get(struct.id.client) ?? [];
      list.push(struct);
      this.byClient.set(struct.id.client, list);
    }
  }

  /** Every root the update's new items and new deletions touch. */
  touchedRoots(
    structs: readonly Struct[],
    deletes: ReturnType<typeof Y.decodeUpdate>['ds'],
  ): Set<string> {
    const roots = new Set<string>();
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue;
      const end = struct.id.clock + struct.length;
      if (end <= this.serverState(struct.id.client)) continue; // already known: skipped by Yjs
      const root = this.rootOfUpdateItem(struct);
      if (root !== null) roots.add(root);
    }
    for (const [client, ranges] of deletes.clients) {
      for (const range of ranges)
        this.addDeletedRoots(client, range.clock, range.clock + range.len, roots);
    }
    return roots;
  }

  private serverState(client: number): number {
    return Y.getState(this.doc.store, client);
  }

  private rootOfType(type: Y.AbstractType<unknown> | null | undefined): Root {
    let current = type;
    while (current?._item) {
      const parent = current._item.parent;
      if (!(parent instanceof Y.AbstractType)) return null;
      current = parent as Y.AbstractType<unknown>;
    }
    return current ? (this.rootNames.get(current) ?? null) : null;
  }

  /** Root of the struct the server holds at `id`; null for garbage. */
  private rootOfServerStruct(id: Y.ID): Root {
    const struct = Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
    if (!(struct instanceof Y.Item)) return null;
    return this.rootOfType(struct.parent as Y.AbstractType<unknown>);
  }

  // A binary search: an update of thousands of one-character inserts at one spot (each
  // refers to the one before) took a linear search per item, quadratic in all.
  // `inspectUpdate` has checked that each client's structs are one run of rising clocks.
  private updateStructAt(id: Y.ID): Struct | undefined {
    const structs = this.byClient.get(id.client) ?? [];
    let low = 0;
    let high = structs.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const struct = structs[middle] as Struct;
      if (id.clock < struct.id.clock) high = middle - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = middle + 1;
      else return struct;
    }
    return undefined;
  }

  /** What lies at `id` for Yjs: on the server, in this update, or garbage. */
  private neighbour(id: Y.ID): { kind: 'gc' } | { kind: 'item'; root: Root } {
    if (id.clock < this.serverState(id.client)) {
      const struct = Y.getItem(this.doc.store, id) as Y.Item | Y.GC;
      return struct instanceof Y.Item
        ? { kind: 'item', root: this.rootOfType(struct.parent as Y.AbstractType<unknown>) }
        : { kind: 'gc' };
    }
    const inUpdate = this.updateStructAt(id);
    if (!inUpdate || inUpdate instanceof Y.Skip) {
      throw new ForgedUpdateError(
        `update refers to ${id.client}:${id.clock}, which does not exist`,
      );
    }
    if (inUpdate instanceof Y.GC) return { kind: 'gc' };
    return { kind: 'item', root: this.rootOfUpdateItem(inUpdate) };
  }

  private rootOfUpdateItem(item: Y.Item): Root {
    const known = this.memo.get(item);
    if (known !== undefined) return known;
    if (this.visiting.has(item)) {
      throw new ForgedUpdateError(`update has a cycle at ${item.id.client}:${item.id.clock}`);
    }
    this.visiting.add(item);
    let root = this.declaredRoot(item);
    const state = this.serverState(item.id.client);
    if (item.id.clock < state && root !== null) {
      const linkedAfter = this.rootOfServerStruct(Y.createID(item.id.client, state - 1));
      if (linkedAfter !== root) {
        throw new ForgedUpdateError(
          `item ${item.id.client}:${item.id.clock} claims ${root} but would land in ${linkedAfter ?? 'nothing'}`,
        );
      }
      root = linkedAfter;
    }
    this.visiting.delete(item);
    this.memo.set(item, root);
    return root;
  }

  private declaredRoot(item: Y.Item): Root {
    const left = item.origin ? this.neighbour(item.origin) : null;
    const right = item.rightOrigin ? this.neighbour(item.rightOrigin) : null;
    if (left?.kind === 'gc' || right?.kind === 'gc') return null;
    if (left) return left.root;
    if (right) return right.root;
    const parent = item.parent as unknown;
    if (typeof parent === 'string') return parent;
    if (parent instanceof Y.ID) {
      if (parent.clock < this.serverState(parent.client)) {
        const holder = Y.getItem(this.doc.store, parent) as Y.Item | Y.GC;
        if (!(holder instanceof Y.Item) || !(holder.content instanceof Y.ContentType)) return null;
        return this.rootOfType(holder.content.type as Y.AbstractType<unknown>);
      }
      const holder = this.updateStructAt(parent);
      if (!(holder instanceof Y.Item)) {
        throw new ForgedUpdateError(
          `update nests ${item.id.client}:${item.id.clock} in something that is not a type`,
        );
      }
      return this.rootOfUpdateItem(holder);
    }
    throw new ForgedUpdateError(
      `item ${item.id.client}:${item.id.clock} has no place in the document`,
    );
  }

  private addDeletedRoots(client: number, start: number, end: number, roots: Set<string>): void {
    const state = this.serverState(client);
    const structs = this.doc.store.clients.get(client);
    if (structs && start < state) {
      let index = Y.findIndexSS(structs, start);
      for (; index < structs.length; index++) {
        const struct = structs[index];
        if (!struct || struct.id.clock >= Math.min(end, state)) break;
        // Deletions the server already applied (every reconnect resends them) touch nothing.
        if (struct instanceof Y.Item && !struct.deleted) {
          const root = this.rootOfType(struct.parent as Y.AbstractType<unknown>);
          if (root !== null) roots.add(root);
        }
      }
    }
    for (const struct of this.byClient.get(client) ?? []) {
      if (!(struct instanceof Y.Item)) continue;
      const overlaps =
        struct.id.clock < end && struct.id.clock + struct.length > Math.max(start, state);
      if (!overlaps) continue;
      const root = this.rootOfUpdateItem(struct);
      if (root !== null) roots.add(root);
    }
  }
}
