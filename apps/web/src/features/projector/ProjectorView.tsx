import { sectionFragmentName } from '@plenary/model';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentThread } from '../../api/discussionTypes.ts';
import { closeNoticeKey } from '../../collab/closeNotices.ts';
import type { PlanSessionState } from '../../collab/PlanSession.ts';
import type { PresenterPosition } from '../../collab/presenterPosition.ts';
import type { SaveStatus } from '../../collab/SaveTracker.ts';
import { useOnlineUsers } from '../../collab/useOnlineUsers.ts';
import { useOwnPresence } from '../../collab/useOwnPresence.ts';
import { usePlanState } from '../../collab/usePlanState.ts';
import { usePresentation, useTimer } from '../../collab/usePresentation.ts';
import { usePresenterPosition } from '../../collab/usePresenterPosition.ts';
import { useSaveStatus } from '../../collab/useSaveStatus.ts';
import { useServerClockOffset } from '../../collab/useServerClockOffset.ts';
import { usePageOpened } from '../../ui/afterPageOpened.ts';
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx';
import { LoadingBoundary } from '../../ui/LoadingBoundary.tsx';
import { loadingComponent } from '../../ui/loadingComponent.ts';
import { FetchProjectedThreads, ProjectedThreadsContext } from '../discussion/ProjectedThreads.tsx';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';
import { BreakoutTimer } from '../timer/BreakoutTimer.tsx';
import { FullScreenButton } from './FullScreenButton.tsx';
import { JoinOverlay } from './JoinOverlay.tsx';
import { ProjectorPresence } from './ProjectorPresence.tsx';
import { ProjectorSection } from './ProjectorSection.tsx';
import { useFollowScroll } from './useFollowScroll.ts';

const stateOf = (status: SaveStatus) => status.state;

// Loaded only when the facilitator puts a round on the projectors.
const RoundProjection = loadingComponent(
  async () => (await import('../discussion/RoundProjection.tsx')).RoundProjection,
);
// Loaded only when the facilitator shows comments on the projectors.
const ProjectorComments = loadingComponent(
  async () => (await import('../discussion/ProjectorComments.tsx')).ProjectorComments,
);

/**
 * The plan as the room sees it on the projector: large type, no editing chrome, the
 * presented section (or wherever the presenter is, in follow mode), the breakout timer,
 * who of each group is online, and an invite's QR code when the facilitator shows one.
 */
export function ProjectorView({ state }: { state: PlanSessionState }) {
  const { t } = useTranslation();
  const { me } = usePlanAccess();
  const { connection, notice } = state;
  const { doc, provider } = connection;
  const { awareness } = provider;
  const { ready, plan } = usePlanState(doc);
  // Once the plan is on the screen, the page's put-off work (the service worker) may start.
  usePageOpened(ready);
  const presentation = usePresentation(doc);
  const timer = useTimer(doc);
  const users = useOnlineUsers(awareness);
  const offset = useServerClockOffset(provider);
  const saveState = useSaveStatus(connection.saves, stateOf);
  useOwnPresence(awareness, me);
  const following = presentation.mode === 'follow';
  const followed = usePresenterPosition(awareness, following ? presentation.presenterId : null);
  const presented: PresenterPosition | null = presentation.sectionId
    ? { sectionId: presentation.sectionId, block: -1 }
    : null;
  // Once the presenter has left, the section presented last is better than nothing.
  const fallenBack = following && followed === null && presented !== null;
  const target = following ? (followed ?? presented) : presented;
  const current = plan.sections.find((section) => section.id === target?.sectionId) ?? null;
  const text = useRef<HTMLDivElement>(null);
  const { detached, resume, revealChange } = useFollowScroll(text, current ? target : null, ready);
  const commentsShown = ready && presentation.showComments && current !== null;
  const [threads, setThreads] = useState<readonly CommentThread[] | null>(null);

  useEffect(() => {
    document.title = plan.title ? `${plan.title} · ${t('common.appName')}` : t('common.appName');
  }, [plan.title, t]);

  const ended =
    notice?.kind === 'ended' || notice?.kind === 'stopped' || notice?.kind === 'displaced';
  const endedKey = notice ? closeNoticeKey(notice.code) : null;
  const connectionNote = ended
    ? endedKey
      ? t(endedKey, { reason: notice?.reason ?? '' })
      : (notice?.reason ?? '')
    : saveState === 'offline' || saveState === 'connecting'
      ? t('projector.reconnecting')
      : null;

  return (
    <div
      className={commentsShown ? 'projector projector--comments' : 'projector'}
      data-testid="projector"
      data-ready={ready}
    >
      <header className="projector__header">
        <div className="projector__titles">
          <p className="projector__plan-title" data-testid="projector-plan-title">
            {plan.title}
          </p>
          {current ? (
            <>
              <h1 className="projector__now">
                <span className="visually-hidden">{t('projector.now')}: </span>
                <span data-testid="projector-current-section">{current.title}</span>
              </h1>
              {fallenBack && (
                <p className="projector__fallback" data-testid="projector-fallback">
                  {t('projector.presenterAway')}
                </p>
              )}
            </>
          ) : (
            <p className="projector__waiting" data-testid="projector-waiting">
              {following ? t('projector.waitingForPresenter') : t('projector.nothingPresented')}
            </p>
          )}
        </div>
        <BreakoutTimer timer={timer} offset={offset} variant="projector" />
      </header>
      <main
        ref={text}
        className="projector__text"
        data-suggestions={presentation.suggestions}
        // In the Tab order, so keys scroll it and someone at the projector can read around
        // without a mouse.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region takes focus (axe: scrollable-region-focusable)
        tabIndex={0}
      >
        <ProjectedThreadsContext.Provider value={commentsShown ? threads : null}>
          {ready &&
            plan.sections.map((section) => (
              <ProjectorSection
                key={section.id}
                section={section}
                groups={plan.groups}
                fragment={doc.getXmlFragment(sectionFragmentName(section.id))}
                awareness={awareness}
                current={section.id === current?.id}
                suggestions={presentation.suggestions}
                onLiveChange={revealChange}
              />
            ))}
        </ProjectedThreadsContext.Provider>
      </main>
      {commentsShown && <FetchProjectedThreads doc={doc} onThreads={setThreads} />}
      {commentsShown && threads && (
        <LoadingBoundary fallback={null}>
          <ProjectorComments sectionId={current.id} plan={plan} threads={threads} />
        </LoadingBoundary>
      )}
      <footer className="projector__footer">
        <ProjectorPresence users={users} groups={plan.groups} />
        <div className="projector__controls">
          {connectionNote && (
            <p className="projector__connection" role="status">
              {connectionNote}
            </p>
          )}
          {detached && (
            <button type="button" className="button button--primary" onClick={resume}>
              {t('projector.resume')}
            </button>
          )}
          <LanguageSwitch />
          <FullScreenButton />
        </div>
      </footer>
      {ready && presentation.roundId && (
        <LoadingBoundary fallback={null}>
          <RoundProjection roundId={presentation.roundId} plan={plan} doc={doc} />
        </LoadingBoundary>
      )}
      {presentation.joinOverlay && (
        <JoinOverlay
          url={presentation.joinOverlay.url}
          label={presentation.joinOverlay.label}
          inviteId={presentation.joinOverlay.inviteId ?? null}
        />
      )}
    </div>
  );
}
