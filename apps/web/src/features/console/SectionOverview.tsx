import { formatMoment, type PlanState } from '@plenary/model';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { OnlineUser } from '../../collab/useOnlineUsers.ts';
import { useAttribution, useSectionEdits } from './useAttribution.ts';
import { useSectionStats } from './useSectionStats.ts';

/** Every section at a glance: its group, status, length and who wrote in it last. */
export function SectionOverview({
  plan,
  doc,
  users,
}: {
  plan: PlanState;
  doc: Y.Doc;
  users: OnlineUser[];
}) {
  const { t, i18n } = useTranslation();
  const stats = useSectionStats(
    doc,
    plan.sections.map((section) => section.id),
  );
  const attribution = useAttribution();
  const edits = useSectionEdits();
  const numbers = new Intl.NumberFormat(i18n.language);
  // Before anyone changed a section since the server started, the author of its last
  // words stands in: someone online is named at once; the server's record names everyone
  // who ever wrote.
  const nameOf = (clientId: number | null): string =>
    (clientId === null
      ? null
      : (users.find((user) => user.clientId === clientId)?.name ??
        attribution.find((client) => client.clientId === clientId)?.name)) ?? t('console.nobody');

  return (
    <section className="console__part" aria-labelledby="console-sections-heading">
      <h3 id="console-sections-heading">{t('console.sectionsHeading')}</h3>
      <div className="console__table-scroll">
        <table className="console-table" data-testid="console-sections">
          <thead>
            <tr>
              <th scope="col">{t('console.section')}</th>
              <th scope="col">{t('console.group')}</th>
              <th scope="col">{t('console.status')}</th>
              <th scope="col" className="console-table__number">
                {t('console.words')}
              </th>
              <th scope="col">{t('console.lastEditor')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.sections.map((section) => {
              const group = plan.groups.find((candidate) => candidate.id === section.groupId);
              const stat = stats.get(section.id);
              const edit = edits.find((candidate) => candidate.sectionId === section.id);
              return (
                <tr key={section.id} data-section={section.id}>
                  <th scope="row">{section.title}</th>
                  <td>
                    <span
                      className="console-table__swatch"
                      style={{ backgroundColor: group?.color ?? 'var(--plenary-color)' }}
                      aria-hidden="true"
                    />
                    {group?.name ?? t('plan.plenary')}
                  </td>
                  <td>{t(`statuses.${section.status}`)}</td>
                  <td className="console-table__number" data-testid="section-words">
                    {numbers.format(stat?.words ?? 0)}
                  </td>
                  <td data-testid="section-last-editor">
                    {edit ? (
                      <>
                        {edit.name ?? t('console.nobody')}{' '}
                        <time className="muted" dateTime={edit.at}>
                          {formatMoment(edit.at, i18n.language, 'time')}
                        </time>
                      </>
                    ) : (
                      nameOf(stat?.lastClient ?? null)
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
