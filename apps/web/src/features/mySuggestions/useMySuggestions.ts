import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DecisionLogEntry } from '../../api/planTypes.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';
import type { PendingSuggestion } from '../review/pendingSuggestions.ts';
import { decidedNews } from './decidedNews.ts';

/** What became of this person's suggestions, and what was decided since they last looked. */
export interface MySuggestionsView {
  /** Their decided suggestions, newest first; undefined until loaded. */
  decisions: readonly DecisionLogEntry[] | undefined;
  error: unknown;
  /** Decisions that arrived while the plan was open, for the notice; newest first. */
  news: readonly DecisionLogEntry[];
  dismissNews: () => void;
}

/**
 * This person's decided suggestions, asked for again whenever one of their pending
 * suggestions leaves the plan (a decision arrives through Yjs like any edit, after the
 * server logged it), and the decisions that are news since the plan opened.
 */
export function useMySuggestions(pendingMine: readonly PendingSuggestion[]): MySuggestionsView {
  const { api, planId } = usePlanAccess();
  const client = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.myDecisions(planId),
    queryFn: ({ signal }) => api.myDecisions(signal),
  });

  const pendingKey = pendingMine.map((suggestion) => suggestion.id).join(' ');
  const seenPending = useRef(pendingKey);
  useEffect(() => {
    const before = seenPending.current.split(' ').filter(Boolean);
    seenPending.current = pendingKey;
    const now = new Set(pendingKey.split(' '));
    if (before.some((id) => !now.has(id))) {
      void client.invalidateQueries({ queryKey: queryKeys.myDecisions(planId) });
    }
  }, [pendingKey, client, planId]);

  const [news, setNews] = useState<readonly DecisionLogEntry[]>([]);
  const loaded = useRef<readonly DecisionLogEntry[] | undefined>(undefined);
  useEffect(() => {
    if (!query.data) return;
    const fresh = decidedNews(loaded.current, query.data);
    loaded.current = query.data;
    if (fresh.length > 0) setNews(fresh);
  }, [query.data]);
  const dismissNews = useCallback(() => setNews([]), []);

  return { decisions: query.data, error: query.error, news, dismissNews };
}
