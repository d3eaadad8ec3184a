import { sectionPlainText } from '@plenary/editor';
import { sectionFragmentName } from '@plenary/model';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { insertedRuns, lastTextClient } from '../../collab/textAuthorship.ts';
import { countWords } from './wordCount.ts';

/** A section at a glance, for the console. */
export interface SectionStats {
  words: number;
  /** The Yjs client that last added text to it, or null for an empty section. */
  lastClient: number | null;
}

/** Counting on every keystroke would slow typing; once a second is plenty for a glance. */
const RECOUNT_AFTER_MS = 1000;

function wordsIn(fragment: Y.XmlFragment): number {
  try {
    return countWords(sectionPlainText(fragment));
  } catch {
    // A fragment the schema cannot read has no words to count.
    return 0;
  }
}

/**
 * Word count and last editor of each section, kept live. The last editor is the client
 * of the text added last while this page is open; before that, the author of the
 * section's last words (Yjs keeps no times).
 */
export function useSectionStats(
  doc: Y.Doc,
  sectionIds: readonly string[],
): Map<string, SectionStats> {
  const [stats, setStats] = useState<Map<string, SectionStats>>(new Map());
  // One string, so that a new array with the same sections does not start over.
  const key = sectionIds.join('\n');
  useEffect(() => {
    const ids = key === '' ? [] : key.split('\n');
    const fragments = new Map(ids.map((id) => [id, doc.getXmlFragment(sectionFragmentName(id))]));
    const lastClients = new Map(
      ids.map((id) => [id, lastTextClient(fragments.get(id) as Y.XmlFragment)]),
    );
    const words = new Map(ids.map((id) => [id, wordsIn(fragments.get(id) as Y.XmlFragment)]));
    // Only the sections changed since the last count are counted again.
    const touched = new Set<string>();
    const recount = () => {
      for (const id of touched) words.set(id, wordsIn(fragments.get(id) as Y.XmlFragment));
      touched.clear();
      setStats(
        new Map(
          ids.map((id) => [
            id,
            { words: words.get(id) ?? 0, lastClient: lastClients.get(id) ?? null },
          ]),
        ),
      );
    };
    let pending: ReturnType<typeof setTimeout> | undefined;
    const onTransaction = (transaction: Y.Transaction) => {
      // Every type a change bubbled up through, the section's root fragment included.
      const changed = new Set<unknown>(transaction.changedParentTypes.keys());
      for (const [id, fragment] of fragments) {
        if (!changed.has(fragment)) continue;
        touched.add(id);
        const last = insertedRuns(transaction, fragment).at(-1);
        if (last) lastClients.set(id, last.client);
      }
      if (touched.size > 0 && pending === undefined) {
        pending = setTimeout(() => {
          pending = undefined;
          recount();
        }, RECOUNT_AFTER_MS);
      }
    };
    recount();
    doc.on('afterTransaction', onTransaction);
    return () => {
      clearTimeout(pending);
      doc.off('afterTransaction', onTransaction);
    };
  }, [doc, key]);
  return stats;
}
