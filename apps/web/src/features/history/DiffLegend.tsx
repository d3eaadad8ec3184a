import type { GroupState } from '@plenary/model';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type DiffAuthors, legendOrder } from './diffAuthors.ts';

/** Who made the changes in a comparison, each with the colour their changes are marked in. */
export function DiffLegend({
  authors,
  groups,
}: {
  authors: DiffAuthors;
  groups: readonly GroupState[];
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const legend = legendOrder(authors, groups);
  if (legend.length === 0) return null;
  return (
    <section className="diff-legend" aria-labelledby={headingId} data-testid="diff-legend">
      <h3 id={headingId} className="diff-legend__heading">
        {t('history.legend')}
      </h3>
      <ul className="diff-legend__list">
        {legend.map((author) => (
          <li
            key={author.participantId}
            className="diff-legend__person"
            data-participant-id={author.participantId}
          >
            <span
              className="diff-legend__swatch"
              style={{ backgroundColor: author.color }}
              aria-hidden="true"
            />
            {author.name} <span className="muted">· {author.groupName ?? t('plan.plenary')}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
