import { NODE_MARKS_ATTRIBUTE, SUGGESTION_MARK_NAMES } from '@plenary/editor';
import * as Y from 'yjs';

const SUGGESTION_KEYS = new Set<string>(SUGGESTION_MARK_NAMES);

/**
 * Whether a Yjs transaction inserted anything that can make a suggestion: a suggestion
 * mark on text, or marks on a block. A section that held no suggestion before such a
 * transaction holds none after it, so a listing of suggestions need not read it again.
 * The cost follows the transaction's new items, not the document.
 */
export function addsSuggestionMarks(transaction: Y.Transaction): boolean {
  const { store } = transaction.doc;
  for (const [client, after] of transaction.afterState) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    const structs = store.clients.get(client);
    if (!structs) continue;
    for (let index = Y.findIndexSS(structs, before); index < structs.length; index++) {
      const struct = structs[index];
      if (!(struct instanceof Y.Item)) continue;
      if (struct.content instanceof Y.ContentFormat && SUGGESTION_KEYS.has(struct.content.key))
        return true;
      if (struct.parentSub === NODE_MARKS_ATTRIBUTE) return true;
    }
  }
  return false;
}
