import type { Actor, PlanState } from '@plenary/model';
import { useMemo } from 'react';
import type * as Y from 'yjs';
import { sectionAccess } from '../plan/sectionAccess.ts';
import type { PendingSuggestion } from '../review/pendingSuggestions.ts';
import { usePendingSuggestions } from '../review/usePendingSuggestions.ts';

/**
 * This person's pending suggestions. Those who decide read every section's already
 * (`everyones`); for everyone else only the sections they may write in are read, the
 * only places their suggestions can be, so a member's phone reads no more than it must.
 */
export function useOwnPending(
  doc: Y.Doc,
  plan: PlanState,
  actor: Actor,
  participantId: string,
  everyones: readonly PendingSuggestion[] | null,
): PendingSuggestion[] {
  const sectionIds =
    everyones === null
      ? plan.sections
          .filter((section) => sectionAccess(actor, plan.phase, section).writable)
          .map((section) => section.id)
      : [];
  const read = usePendingSuggestions(doc, sectionIds);
  const all = everyones ?? read;
  return useMemo(
    () => all.filter((suggestion) => suggestion.authorId === participantId),
    [all, participantId],
  );
}
