import type { GroupState, PresentationState, SectionState } from '@plenary/model';
import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { SECTION_ID_ATTRIBUTE } from '../../collab/usePresenterBroadcast.ts';
import { LoadingBoundary } from '../../ui/LoadingBoundary.tsx';
import { PartUnavailable } from '../../ui/PartUnavailable.tsx';
import { AcceptedText } from '../review/acceptedTextChunk.ts';
import { LiveSectionText } from './LiveSectionText.tsx';

/** The DOM id of a section's title on the projector. */
const titleId = (sectionId: string) => `projector-title-${sectionId}`;

/**
 * One section on the projector: its title and group, and its text read-only. Pending
 * suggestions show marked in their author's group colour, or the text reads as if they
 * were accepted, as the presentation says.
 */
export function ProjectorSection({
  section,
  groups,
  fragment,
  awareness,
  current,
  suggestions,
  onLiveChange,
}: {
  section: SectionState;
  groups: GroupState[];
  fragment: Y.XmlFragment;
  awareness: Awareness;
  /** The section being presented. */
  current: boolean;
  /** How pending suggestions show. */
  suggestions: PresentationState['suggestions'];
  /** New text arrived in this section. */
  onLiveChange: (sectionId: string) => void;
}) {
  const { t } = useTranslation();
  const group = groups.find((candidate) => candidate.id === section.groupId);
  const live = (
    <LiveSectionText
      sectionId={section.id}
      groups={groups}
      fragment={fragment}
      awareness={awareness}
      onLiveChange={onLiveChange}
    />
  );

  return (
    <section
      className="projector-section"
      {...{ [SECTION_ID_ATTRIBUTE]: section.id }}
      data-testid={`projector-section-${section.id}`}
      data-current={current}
      aria-labelledby={titleId(section.id)}
      style={{ borderInlineStartColor: group?.color ?? 'transparent' }}
    >
      <header className="projector-section__header">
        <h2 id={titleId(section.id)} className="projector-section__title">
          {section.title}
        </h2>
        <span className="projector-chip" style={{ borderColor: group?.color }}>
          {group?.name ?? t('plan.plenary')}
        </span>
      </header>
      {suggestions === 'accepted' ? (
        // The marked text stands in while the accepted view loads, so nothing jumps, and
        // under a notice while it cannot.
        <LoadingBoundary
          fallback={live}
          unavailable={(retry, retrying) => (
            <>
              <PartUnavailable retry={retry} retrying={retrying} />
              {live}
            </>
          )}
        >
          <AcceptedText
            fragment={fragment}
            labelledBy={titleId(section.id)}
            className="projector-section__text"
          />
        </LoadingBoundary>
      ) : (
        live
      )}
    </section>
  );
}
