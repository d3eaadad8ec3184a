import { can, type PlanState, type PresentationState } from '@plenary/model';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { Round, VoteChoice } from '../../api/discussionTypes.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';
import { RoundTallies } from './RoundTallies.tsx';
import { SectionSelect } from './SectionSelect.tsx';
import { useRoundActions, useRounds } from './useDiscussion.ts';

const CHOICES: readonly VoteChoice[] = ['agree', 'disagree', 'abstain'];

/**
 * Consensus rounds: the facilitator or focal point opens one on a section and closes it;
 * members and the focal point answer each recommendation with one tap; everyone sees
 * how many have answered, and the tallies once it is closed.
 */
export function RoundsPanel({
  plan,
  doc,
  presentation,
}: {
  plan: PlanState;
  doc: Y.Doc;
  presentation: PresentationState;
}) {
  const { t } = useTranslation();
  const { actor } = usePlanAccess();
  const rounds = useRounds(doc);
  const { open } = useRoundActions();
  const runs = can(actor, 'run-rounds', { phase: plan.phase });
  const [sectionId, setSectionId] = useState(plan.sections[0]?.id ?? '');
  const newestFirst = [...(rounds.data ?? [])].reverse();
  return (
    <section className="side-panel discussion" aria-labelledby="rounds-heading">
      <h2 id="rounds-heading" className="side-panel__heading">
        {t('discussion.rounds')}
      </h2>
      {runs && (
        <form
          className="discussion__actions"
          onSubmit={(event) => {
            event.preventDefault();
            if (sectionId) open.mutate(sectionId);
          }}
        >
          <SectionSelect
            label={t('discussion.roundSection')}
            sections={plan.sections}
            value={sectionId}
            onChange={setSectionId}
          />
          <button type="submit" className="button button--primary" disabled={open.isPending}>
            {t('discussion.openRound')}
          </button>
          {open.error && <ErrorMessage error={open.error} />}
        </form>
      )}
      {rounds.error && <ErrorMessage error={rounds.error} />}
      {newestFirst.length === 0 && <p className="muted">{t('discussion.noRounds')}</p>}
      {newestFirst.map((round) => (
        <RoundView
          key={round.id}
          round={round}
          plan={plan}
          runs={runs}
          shown={presentation.roundId === round.id}
        />
      ))}
    </section>
  );
}

function RoundView({
  round,
  plan,
  runs,
  shown,
}: {
  round: Round;
  plan: PlanState;
  runs: boolean;
  shown: boolean;
}) {
  const { t } = useTranslation();
  const { actor, api } = usePlanAccess();
  const { vote, close } = useRoundActions();
  const [presentError, setPresentError] = useState<unknown>(null);
  const answers = round.status === 'open' && can(actor, 'answer-rounds', { phase: plan.phase });
  const section = plan.sections.find((s) => s.id === round.sectionId);
  const present = (roundId: string | null) =>
    api.present({ roundId }).then(() => setPresentError(null), setPresentError);
  return (
    <article className="round" data-testid="round" data-status={round.status}>
      <h3 className="round__title">
        {section?.title ?? round.sectionId}{' '}
        <span className="badge">
          {round.status === 'open' ? t('discussion.roundOpen') : t('discussion.roundClosed')}
        </span>
      </h3>
      <p className="round__count" data-testid="round-answered">
        {t('discussion.answered', { answered: round.answered, eligible: round.eligible })}
      </p>
      {round.status === 'closed' ? (
        <RoundTallies round={round} />
      ) : (
        <ol className="round__items">
          {round.items.map((item) => (
            <li key={item.id} className="round__item">
              <p>{item.text}</p>
              {answers && (
                <fieldset className="round__choices">
                  <legend className="visually-hidden">
                    {t('discussion.yourAnswer', { text: item.text })}
                  </legend>
                  {CHOICES.map((choice) => (
                    <button
                      key={choice}
                      type="button"
                      className={`button round__choice round__choice--${choice}`}
                      aria-pressed={round.mine[item.id]?.choice === choice}
                      onClick={() => vote.mutate({ roundId: round.id, itemId: item.id, choice })}
                    >
                      {t(`discussion.${choice}`)}
                    </button>
                  ))}
                </fieldset>
              )}
            </li>
          ))}
        </ol>
      )}
      {vote.error && <ErrorMessage error={vote.error} />}
      {runs && (
        <div className="discussion__actions">
          {round.status === 'open' && (
            <button
              type="button"
              className="button button--secondary"
              disabled={close.isPending}
              onClick={() => close.mutate(round.id)}
            >
              {t('discussion.closeRound')}
            </button>
          )}
          <button
            type="button"
            className="button button--secondary"
            aria-pressed={shown}
            onClick={() => present(shown ? null : round.id)}
          >
            {shown ? t('discussion.hideRound') : t('discussion.showRound')}
          </button>
        </div>
      )}
      {(close.error !== null || presentError !== null) && (
        <ErrorMessage error={close.error ?? presentError} />
      )}
    </article>
  );
}
