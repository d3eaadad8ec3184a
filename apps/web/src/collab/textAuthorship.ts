/**
 * Who wrote which text in a section, read from the Yjs items themselves: every item
 * carries the id of the client that created it, and presence (or the server's
 * attribution) says whose client that is.
 */
import * as Y from 'yjs';

/** Characters one client added in one go, named by the id of their first character. */
export interface InsertedRun {
  client: number;
  clock: number;
  length: number;
}

/**
 * The text a transaction added to `fragment` and that is still there, as runs of
 * characters. Read in `afterTransaction`, before Yjs merges the new items into older ones.
 */
export function insertedRuns(transaction: Y.Transaction, fragment: Y.XmlFragment): InsertedRun[] {
  const runs: InsertedRun[] = [];
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    const structs = transaction.doc.store.clients.get(client);
    if (after <= before || !structs) continue;
    for (let index = Y.findIndexSS(structs, before); index < structs.length; index++) {
      const struct = structs[index];
      if (!struct || struct.id.clock >= after) break;
      if (
        struct instanceof Y.Item &&
        !struct.deleted &&
        struct.content instanceof Y.ContentString &&
        Y.isParentOf(fragment, struct)
      ) {
        const skipped = Math.max(0, before - struct.id.clock);
        runs.push({ client, clock: struct.id.clock + skipped, length: struct.length - skipped });
      }
    }
  }
  return runs;
}

function lastTextItem(type: { _start: Y.Item | null }): Y.Item | null {
  let last: Y.Item | null = null;
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    if (item.content instanceof Y.ContentString) last = item;
    else if (item.content instanceof Y.ContentType) last = lastTextItem(item.content.type) ?? last;
  }
  return last;
}

/**
 * The client that wrote the last words of a section, or null for an empty one. Yjs keeps
 * no times, so this is a guess for text written before the page opened: people mostly
 * add to the end of what is there.
 */
export function lastTextClient(fragment: Y.XmlFragment): number | null {
  return lastTextItem(fragment)?.id.client ?? null;
}
