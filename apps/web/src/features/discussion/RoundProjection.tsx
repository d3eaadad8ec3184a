import type { PlanState } from '@plenary/model';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { RoundTallies } from './RoundTallies.tsx';
import { useRounds } from './useDiscussion.ts';

/**
 * A round on the projector, in large type: while open only how many have answered, once
 * closed each recommendation with its tally.
 */
export function RoundProjection({
  roundId,
  plan,
  doc,
}: {
  roundId: string;
  plan: PlanState;
  doc: Y.Doc;
}) {
  const { t } = useTranslation();
  const rounds = useRounds(doc);
  const round = rounds.data?.find((r) => r.id === roundId);
  if (!round) return null;
  const section = plan.sections.find((s) => s.id === round.sectionId);
  return (
    <section className="round-projection" data-testid="round-projection" aria-live="polite">
      <h2 className="round-projection__title">{section?.title}</h2>
      <p className="round-projection__count" data-testid="projector-round-answered">
        {t('discussion.answered', { answered: round.answered, eligible: round.eligible })}
      </p>
      {round.status === 'closed' && <RoundTallies round={round} large />}
    </section>
  );
}
