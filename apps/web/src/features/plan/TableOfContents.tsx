import type { GroupState, SectionState } from '@plenary/model';
import { useTranslation } from 'react-i18next';
import { sectionElementId, sectionTitleId } from './sectionIds.ts';

/**
 * The plan's sections as links. A link scrolls to its section and moves focus to the
 * section's title, so keyboard and screen-reader users land where sighted users look.
 * On narrow screens it is in the plan's menu, which closes when a link is followed.
 */
export function TableOfContents({
  sections,
  groups,
}: {
  sections: SectionState[];
  groups: GroupState[];
}) {
  const { t } = useTranslation();
  const colorOf = (groupId: string | null) =>
    groups.find((group) => group.id === groupId)?.color ?? 'transparent';

  const goTo = (sectionId: string) => {
    // Scroll once the phone menu has closed, or the page shifts under the target.
    requestAnimationFrame(() => {
      document
        .getElementById(sectionElementId(sectionId))
        ?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      document.getElementById(sectionTitleId(sectionId))?.focus({ preventScroll: true });
    });
  };

  return (
    <nav className="toc" data-testid="toc" aria-labelledby="toc-heading">
      <h2 id="toc-heading" className="sidebar-heading toc__heading">
        {t('plan.contents')}
      </h2>
      <ol id="toc-list" className="toc__list">
        {sections.map((section) => (
          <li key={section.id}>
            <a
              href={`#${sectionElementId(section.id)}`}
              className="toc__link"
              onClick={(event) => {
                event.preventDefault();
                goTo(section.id);
              }}
            >
              <span
                className="toc__marker"
                style={{ backgroundColor: colorOf(section.groupId) }}
                aria-hidden="true"
              />
              {section.title}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
