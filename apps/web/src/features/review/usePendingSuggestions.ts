import { listFragmentSuggestions } from '@plenary/editor';
import { sectionFragmentName } from '@plenary/model';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { PendingSuggestion } from './pendingSuggestions.ts';

// Reading every section on every keystroke would make typing lag; a pause this short
// still feels live in the panel.
const SETTLE_MS = 250;

/** Every pending suggestion in the given sections of a doc, in section order. */
export function readPendingSuggestions(
  doc: Y.Doc,
  sectionIds: readonly string[],
): PendingSuggestion[] {
  return sectionIds.flatMap((sectionId) => {
    try {
      return listFragmentSuggestions(doc.getXmlFragment(sectionFragmentName(sectionId))).map(
        (suggestion) => ({ ...suggestion, sectionId }),
      );
    } catch {
      // A fragment the schema cannot read has no suggestions anyone could decide here.
      return [];
    }
  });
}

/**
 * The plan's pending suggestions, live: re-read from the doc shortly after it changes,
 * whether the change was typed here, arrived from others, or was a decision.
 */
export function usePendingSuggestions(
  doc: Y.Doc,
  sectionIds: readonly string[],
): PendingSuggestion[] {
  const key = sectionIds.join(' ');
  const [pending, setPending] = useState<PendingSuggestion[]>([]);
  useEffect(() => {
    const ids = key ? key.split(' ') : [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = '';
    const read = () => {
      timer = undefined;
      const next = readPendingSuggestions(doc, ids);
      // Typing outside suggestions changes positions only; the panel need not re-render.
      const shape = JSON.stringify(next.map(({ from: _from, ...rest }) => rest));
      if (shape === last) return;
      last = shape;
      setPending(next);
    };
    const onUpdate = () => {
      timer ??= setTimeout(read, SETTLE_MS);
    };
    read();
    doc.on('update', onUpdate);
    return () => {
      doc.off('update', onUpdate);
      if (timer) clearTimeout(timer);
    };
  }, [doc, key]);
  return pending;
}
