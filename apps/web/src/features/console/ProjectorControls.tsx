import { can, type PlanState, type PresentationState } from '@plenary/model';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Awareness } from 'y-protocols/awareness';
import type { PresentationChange } from '../../api/planTypes.ts';
import { PRESENTING_FIELD, type PresenterPosition } from '../../collab/presenterPosition.ts';
import type { OnlineUser } from '../../collab/useOnlineUsers.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { OnOffToggle } from '../../ui/OnOffToggle.tsx';
import { SegmentedChoice } from '../../ui/SegmentedChoice.tsx';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';
import { ProjectorLink } from '../projector/ProjectorLink.tsx';
import { JoinOverlayControls } from './JoinOverlayControls.tsx';

const SUGGESTION_VIEWS = ['marked', 'accepted'] as const;

/**
 * What the room's projectors show: a section (each section's Present button), or
 * wherever the presenter is ("Follow me"); how suggestions appear there; and a join code.
 */
export function ProjectorControls({
  plan,
  presentation,
  awareness,
  users,
}: {
  plan: PlanState;
  presentation: PresentationState;
  awareness: Awareness;
  users: OnlineUser[];
}) {
  const { t } = useTranslation();
  const { api, me, actor } = usePlanAccess();
  const change = useMutation({ mutationFn: (next: PresentationChange) => api.present(next) });
  const following = presentation.mode === 'follow';
  const followingMe = following && presentation.presenterId === me.participantId;
  const presenter = users.find((user) => user.participantId === presentation.presenterId)?.name;
  const shownSection = plan.sections.find((section) => section.id === presentation.sectionId);
  const what = followingMe
    ? t('console.showingFollowYou')
    : following
      ? t('console.showingFollow', { name: presenter ?? '?' })
      : (shownSection?.title ?? t('console.showingNothing'));

  const stopFollowing = () => {
    // The projector stays on the section it was following, rather than jumping back.
    const position = awareness.getLocalState()?.[PRESENTING_FIELD] as PresenterPosition | null;
    change.mutate({ mode: 'section', sectionId: position?.sectionId ?? presentation.sectionId });
  };

  return (
    <section className="console__part" aria-labelledby="console-projector-heading">
      <h3 id="console-projector-heading">{t('console.projectorHeading')}</h3>
      <p data-testid="console-showing">{t('console.showing', { what })}</p>
      <div className="console__buttons">
        <OnOffToggle
          label={t('console.followMe')}
          on={followingMe}
          disabled={change.isPending}
          onToggle={() => (followingMe ? stopFollowing() : change.mutate({ mode: 'follow' }))}
        />
        <ProjectorLink newTab />
      </div>
      <div className="console__suggestions">
        <SegmentedChoice
          legend={t('console.suggestions')}
          legendClassName="console__legend"
          options={SUGGESTION_VIEWS}
          value={presentation.suggestions}
          label={(view) =>
            t(view === 'marked' ? 'console.suggestionsMarked' : 'console.suggestionsAccepted')
          }
          disabled={change.isPending}
          onChoose={(view) => change.mutate({ suggestions: view })}
        />
      </div>
      <div className="console__buttons">
        {/* Off unless chosen: people comment for the drafters, not always for the room. */}
        <OnOffToggle
          label={t('discussion.showComments')}
          on={presentation.showComments}
          disabled={change.isPending}
          onToggle={() => change.mutate({ showComments: !presentation.showComments })}
        />
      </div>
      <ErrorMessage error={change.error} inline />
      {can(actor, 'manage-links', { phase: plan.phase }) && (
        <>
          <h4 className="console__subheading">{t('console.joinCode')}</h4>
          <JoinOverlayControls groups={plan.groups} presentation={presentation} />
        </>
      )}
    </section>
  );
}
