import { supportLevel } from '@plenary/model';
import { useTranslation } from 'react-i18next';
import type { Round, VoteChoice } from '../../api/discussionTypes.ts';

const CHOICES: readonly VoteChoice[] = ['agree', 'disagree', 'abstain'];

/**
 * A closed round's recommendations with their tallies: a bar coloured by answer, the
 * counts as numbers too (colour is never the only carrier), and the level of support.
 */
export function RoundTallies({ round, large = false }: { round: Round; large?: boolean }) {
  const { t } = useTranslation();
  return (
    <ol className={large ? 'round-tallies round-tallies--large' : 'round-tallies'}>
      {round.items.map((item) => {
        const tally = item.tally ?? { agree: 0, disagree: 0, abstain: 0 };
        const total = tally.agree + tally.disagree + tally.abstain;
        return (
          <li key={item.id} className="round-tallies__item" data-testid="round-tally">
            <p className="round-tallies__text">{item.text}</p>
            <div className="round-tallies__bar" aria-hidden="true">
              {CHOICES.map((choice) =>
                tally[choice] > 0 ? (
                  <span
                    key={choice}
                    className={`round-tallies__part round-tallies__part--${choice}`}
                    style={{ flexGrow: tally[choice] / Math.max(total, 1) }}
                  >
                    {tally[choice]}
                  </span>
                ) : null,
              )}
            </div>
            <p className="round-tallies__counts">
              <span className="round-support" data-level={supportLevel(tally)}>
                {t(`discussion.support.${supportLevel(tally)}`)}
              </span>{' '}
              <span data-testid="round-counts">{t('discussion.tally', { ...tally })}</span>
            </p>
            {!large && (item.reasons ?? []).length > 0 && (
              <ul className="round-tallies__reasons">
                {item.reasons?.map((reason, index) => (
                  // Reasons are anonymous and may repeat, so their place is their key.
                  // biome-ignore lint/suspicious/noArrayIndexKey: see above.
                  <li key={index}>
                    {t(`discussion.${reason.choice}`)}: {reason.reason}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
