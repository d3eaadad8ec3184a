/**
 * What the DocumentStore contract's suites share: a participant, a Yjs text to type into,
 * and the store calls every case makes, on whichever store the current test has.
 */
import * as Y from 'yjs';
import type { DocumentStore, LoadedDocument, UpdateOrigin } from '../DocumentStore.ts';
import { connectedReplicas, docOf, TEXT_NAME } from './yjsText.ts';

/** The participant behind most appends. */
export const AMINA: UpdateOrigin = { clientIds: [101], participantId: 'amina' };

/** The text the contract's documents hold. */
export const textIn = (doc: Y.Doc): Y.Text => doc.getText(TEXT_NAME);

/** Types `characters` at the end of the doc's text, one transaction (and update) each. */
export function typeEach(doc: Y.Doc, characters: string): void {
  for (const character of characters) textIn(doc).insert(textIn(doc).length, character);
}

/** The update that creates a document holding `text`. */
export function initialStateWith(text: string): Uint8Array {
  const doc = new Y.Doc();
  textIn(doc).insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** The store calls the contract's cases make, on the store `current` gives (fresh per test). */
export function documentStoreHelpers(current: () => DocumentStore) {
  const createPlan = (id: string, initialState = initialStateWith('')) =>
    current().createPlan({ id, title: `Plan ${id}`, initialState });

  async function appendAll(planId: string, updates: Uint8Array[], origin = AMINA) {
    const results = [];
    for (const update of updates)
      results.push(await current().appendUpdate(planId, update, origin));
    return results;
  }

  /** Creates plan p1 and appends one update per character typed; returns the replicas. */
  async function planTyped(characters: string) {
    const replicas = connectedReplicas();
    await createPlan('p1');
    typeEach(replicas.a, characters);
    await appendAll('p1', replicas.take());
    return replicas;
  }

  async function load(planId: string): Promise<LoadedDocument> {
    const loaded = await current().loadDocument(planId);
    if (!loaded) throw new Error(`expected plan ${planId} to load`);
    return loaded;
  }

  /** A snapshot of the first `count` entries of a loaded document, as the relay builds one. */
  const snapshotOf = (loaded: LoadedDocument, count = loaded.updates.length): Uint8Array =>
    Y.encodeStateAsUpdate(docOf(loaded.updates.slice(0, count)));

  return { createPlan, appendAll, planTyped, load, snapshotOf };
}

/** The helpers `documentStoreHelpers` makes. */
export type DocumentStoreHelpers = ReturnType<typeof documentStoreHelpers>;
