import { sectionFragmentName } from '@plenary/model';
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import type { PendingSuggestion } from './pendingSuggestions.ts';

// Reading a section on every keystroke would make typing lag; the panel and the counts
// are brought up to date at most this often while people type.
const SETTLE_MS = 1000;

type SuggestionReaders = typeof import('./suggestionReaders.ts');

/** The pending suggestions of one section of a doc. */
function readSection(
  { listFragmentSuggestions }: SuggestionReaders,
  doc: Y.Doc,
  sectionId: string,
): PendingSuggestion[] {
  try {
    return listFragmentSuggestions(doc.getXmlFragment(sectionFragmentName(sectionId))).map(
      (suggestion) => ({ ...suggestion, sectionId }),
    );
  } catch {
    // A fragment the schema cannot read has no suggestions anyone could decide here.
    return [];
  }
}

/**
 * The plan's pending suggestions, live: re-read from the doc shortly after it changes,
 * whether the change was typed here, arrived from others, or was a decision. Only the
 * sections a change touched are read again, so typing in one section costs that section.
 */
export function usePendingSuggestions(
  doc: Y.Doc,
  sectionIds: readonly string[],
): PendingSuggestion[] {
  const key = sectionIds.join(' ');
  const [pending, setPending] = useState<PendingSuggestion[]>([]);
  const [readers, setReaders] = useState<SuggestionReaders | null>(null);
  // The editor package comes with the editor's chunk, after the page's first paint; there
  // are no suggestions to show before it.
  useEffect(() => {
    let current = true;
    import('./suggestionReaders.ts').then(
      (editor) => {
        if (current) setReaders(editor);
      },
      // Then the editor cannot load either, and its section says so; no counts meanwhile.
      () => {},
    );
    return () => {
      current = false;
    };
  }, []);
  useEffect(() => {
    if (!readers) return;
    const { addsSuggestionMarks } = readers;
    const ids = key ? key.split(' ') : [];
    const fragments = new Map<unknown, string>(
      ids.map((id) => [doc.getXmlFragment(sectionFragmentName(id)), id]),
    );
    const bySection = new Map(ids.map((id) => [id, readSection(readers, doc, id)]));
    const changed = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = '';
    const publish = () => {
      const next = ids.flatMap((id) => bySection.get(id) ?? []);
      // Typing outside suggestions changes positions only; the panel need not re-render.
      const shape = JSON.stringify(next.map(({ from: _from, ...rest }) => rest));
      if (shape === last) return;
      last = shape;
      setPending(next);
    };
    const reread = () => {
      timer = undefined;
      for (const id of changed) bySection.set(id, readSection(readers, doc, id));
      changed.clear();
      publish();
    };
    const onTransaction = (transaction: Y.Transaction) => {
      let adds: boolean | undefined;
      // Every type a change bubbled up through, the section's root fragment included.
      for (const type of transaction.changedParentTypes.keys()) {
        const id = fragments.get(type);
        if (id === undefined) continue;
        // A section without suggestions keeps none unless the change brings some: typing
        // in it need not be read again.
        if (bySection.get(id)?.length === 0) {
          adds ??= addsSuggestionMarks(transaction);
          if (!adds) continue;
        }
        changed.add(id);
      }
      if (changed.size > 0) timer ??= setTimeout(reread, SETTLE_MS);
    };
    publish();
    doc.on('afterTransaction', onTransaction);
    return () => {
      doc.off('afterTransaction', onTransaction);
      if (timer) clearTimeout(timer);
    };
  }, [readers, doc, key]);
  return pending;
}
