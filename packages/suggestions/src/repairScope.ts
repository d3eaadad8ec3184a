import { SUGGESTION_FORMAT } from '@plenary/editor/yjsKeys';
import { type UpdateClocks, updateClocksOf } from '@plenary/model';
import * as Y from 'yjs';
import type { RepairContext } from './suggestionMarkRepair.ts';

/**
 * Which paragraphs the suggestion repair has to look at after some updates: those the
 * updates wrote into, formatted or deleted from, and only if they hold a suggestion mark
 * (or a boundary of one) or text by a client whose insertion was accepted (text typed on
 * at its end may be a continuation of it). A paragraph without either has nothing the
 * repair could change. Keyed by the root type (a section's fragment) each paragraph is
 * in. Call it after the updates are applied; the work is proportional to the updates
 * and the paragraphs they touched, not to the section. The updates may be given as the
 * clocks they wrote and deleted (`addUpdateClocks`), as a server that collects them does.
 */
export function textsToRepair(
  doc: Y.Doc,
  updates: readonly Uint8Array[] | UpdateClocks,
  context: Pick<RepairContext, 'decided'>,
): Map<object, Y.XmlText[]> {
  const touched = new Set<Y.XmlText>();
  const clocks = updates instanceof Map ? updates : updateClocksOf(updates);
  for (const [client, ranges] of clocks) {
    for (const [start, end] of ranges) addTextsIn(doc, client, start, end, touched);
  }
  const acceptedClients = new Set<number>();
  for (const { action, inserted } of context.decided.values()) {
    if (action !== 'accept') continue;
    for (const range of inserted?.items ?? []) acceptedClients.add(range.client);
  }
  const scope = new Map<object, Y.XmlText[]>();
  for (const text of touched) {
    if (!mayNeedRepair(text, acceptedClients)) continue;
    const root = rootOf(text);
    scope.set(root, [...(scope.get(root) ?? []), text]);
  }
  return scope;
}

// The texts that the server's items from `start` to `end` of one client sit in.
function addTextsIn(
  doc: Y.Doc,
  client: number,
  start: number,
  end: number,
  texts: Set<Y.XmlText>,
): void {
  const structs = doc.store.clients.get(client);
  const last = Math.min(end, Y.getState(doc.store, client));
  if (!structs || start >= last) return;
  for (let index = Y.findIndexSS(structs, start); index < structs.length; index++) {
    const struct = structs[index];
    if (!struct || struct.id.clock >= last) break;
    if (struct instanceof Y.Item && struct.parent instanceof Y.XmlText) texts.add(struct.parent);
  }
}

function mayNeedRepair(text: Y.XmlText, acceptedClients: ReadonlySet<number>): boolean {
  for (let item = text._start; item; item = item.right) {
    if (item.deleted) continue;
    const { content } = item;
    if (content instanceof Y.ContentFormat) {
      const { insertion, deletion } = SUGGESTION_FORMAT;
      if (content.key === insertion || content.key === deletion) return true;
    } else if (acceptedClients.has(item.id.client)) {
      return true;
    }
  }
  return false;
}

// The root type (a section's fragment) a text is in.
function rootOf(text: Y.XmlText): object {
  let current: object = text;
  for (let item = text._item; item?.parent instanceof Y.AbstractType; item = item.parent._item) {
    current = item.parent;
  }
  return current;
}
