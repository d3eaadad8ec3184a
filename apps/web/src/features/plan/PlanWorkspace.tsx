import { CloseCode, can } from '@plenary/model';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { forgetSignIn } from '../../access/keptSignIn.ts';
import { updatePlanAccess } from '../../access/planAccess.ts';
import type { PlanSession, PlanSessionState } from '../../collab/PlanSession.ts';
import { useOnlineUsers } from '../../collab/useOnlineUsers.ts';
import { useOwnPresence } from '../../collab/useOwnPresence.ts';
import { usePlanState } from '../../collab/usePlanState.ts';
import { usePresentation, useTimer } from '../../collab/usePresentation.ts';
import { usePresenterBroadcast } from '../../collab/usePresenterBroadcast.ts';
import { useServerClockOffset } from '../../collab/useServerClockOffset.ts';
import { useSuggestingPolicy } from '../../collab/useSuggestingPolicy.ts';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { usePageOpened } from '../../ui/afterPageOpened.ts';
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx';
import { LoadingBoundary } from '../../ui/LoadingBoundary.tsx';
import { loadingComponent } from '../../ui/loadingComponent.ts';
import { closableUnavailable } from '../../ui/PartUnavailable.tsx';
import { DiscussionProvider } from '../discussion/DiscussionProvider.tsx';
import { DiscussionToggle } from '../discussion/DiscussionToggle.tsx';
import type { ThreadRequest } from '../discussion/threadRequest.ts';
import { HistoryToggle } from '../history/HistoryToggle.tsx';
import type { ComparisonRequest } from '../history/useVersions.ts';
import { DecisionNotice } from '../mySuggestions/DecisionNotice.tsx';
import { MySuggestions } from '../mySuggestions/MySuggestions.tsx';
import { useMySuggestions } from '../mySuggestions/useMySuggestions.ts';
import { useOwnPending } from '../mySuggestions/useOwnPending.ts';
import { ProjectorLink } from '../projector/ProjectorLink.tsx';
import { usePendingSuggestions } from '../review/usePendingSuggestions.ts';
import { BreakoutTimer } from '../timer/BreakoutTimer.tsx';
import { FacilitationPanel, type FacilitationPanelName } from './FacilitationPanel.tsx';
import { EndedCopyOffer, LocalCopyProblem } from './LocalCopyNotices.tsx';
import { OnlineUsers } from './OnlineUsers.tsx';
import { PhaseBadge } from './PhaseBadge.tsx';
import { usePlanAccess } from './PlanAccessContext.ts';
import { PlanDocument } from './PlanDocument.tsx';
import { PlanMenuButton } from './PlanMenuButton.tsx';
import { PlanMissing } from './PlanMissing.tsx';
import { PlanNote } from './PlanNote.tsx';
import { RefusalNotice } from './RefusalNotice.tsx';
import { ReportDownload } from './ReportDownload.tsx';
import { LeaveWarning, LiveSaveIndicator } from './SaveIndicator.tsx';
import { TableOfContents } from './TableOfContents.tsx';
import { UnsavedText } from './UnsavedText.tsx';
import { useOpenAtOwnSection } from './useOpenAtOwnSection.ts';
import { usePlanMenu } from './usePlanMenu.ts';

// Panels nobody sees at first paint load when first opened, so opening a plan (and
// typing in it) does not wait for them.
const ConsolePanel = loadingComponent(
  async () => (await import('../console/ConsolePanel.tsx')).ConsolePanel,
);
const GroupsPanel = loadingComponent(
  async () => (await import('../groups/GroupsPanel.tsx')).GroupsPanel,
);
const ComparisonView = loadingComponent(
  async () => (await import('../history/ComparisonView.tsx')).ComparisonView,
);
const HistoryPanel = loadingComponent(
  async () => (await import('../history/HistoryPanel.tsx')).HistoryPanel,
);
const ReviewPanel = loadingComponent(
  async () => (await import('../review/ReviewPanel.tsx')).ReviewPanel,
);
const DiscussionAside = loadingComponent(
  async () => (await import('../discussion/DiscussionAside.tsx')).DiscussionAside,
);
const SharePanel = loadingComponent(
  async () => (await import('../share/SharePanel.tsx')).SharePanel,
);

// Where the side panels stack above the text (layout.css).
const ASIDE_STACKED = '(max-width: 1200px)';

/** An open plan: who is here, the contents, the text, and whether it is all saved. */
export function PlanWorkspace({
  session,
  state,
}: {
  session: PlanSession;
  state: PlanSessionState;
}) {
  const { t } = useTranslation();
  const { planId, me, actor } = usePlanAccess();
  const { connection, generation, notice } = state;
  const { ready, plan } = usePlanState(connection.doc);
  // Once the sections are drawn, the page's put-off work (the service worker) may start.
  usePageOpened(ready);
  const suggesting = useSuggestingPolicy(connection.doc);
  const { awareness } = connection.provider;
  const users = useOnlineUsers(awareness);
  const presentation = usePresentation(connection.doc);
  const timer = useTimer(connection.doc);
  const offset = useServerClockOffset(connection.provider);
  const [panel, setPanel] = useState<FacilitationPanelName | null>(null);
  const [consoleOpen, setConsoleOpen] = useState(false);
  const [reviewOpen, setReviewOpen] = useState(false);
  const [preview, setPreview] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [discussionOpen, setDiscussionOpen] = useState(false);
  const [threadRequest, setThreadRequest] = useState<ThreadRequest | null>(null);
  // A thread chosen in the text: the panel opens and shows it (a new object each time,
  // so choosing the same thread again scrolls to it again). A click in commented words is
  // often someone about to edit them: where the panel would open above the text and push
  // it away, only the marker or Alt+Enter (which ask for the focus) open a closed panel.
  const openThread = useCallback(
    (threadId: string, focus: boolean) => {
      if (!focus && !discussionOpen && window.matchMedia(ASIDE_STACKED).matches) return;
      setDiscussionOpen(true);
      setThreadRequest({ threadId, focus });
    },
    [discussionOpen],
  );
  const [comparison, setComparison] = useState<ComparisonRequest | null>(null);
  const historyShown = ready && historyOpen;
  const discussionShown = ready && discussionOpen;
  // After a refusal the plan goes on with a fresh doc; after an ending nothing is saved.
  const connected = notice === null || notice.kind === 'recovered';
  const user = useOwnPresence(awareness, me);
  const menu = usePlanMenu();
  useOpenAtOwnSection(ready, plan, actor);
  // Only those who decide read every section's suggestions: members' phones are spared it.
  const decides = ready && connected && can(actor, 'decide-suggestions', { phase: plan.phase });
  const pending = usePendingSuggestions(
    connection.doc,
    decides ? plan.sections.map((section) => section.id) : [],
  );
  const reviewing = decides && reviewOpen;
  const ownPending = useOwnPending(
    connection.doc,
    plan,
    actor,
    me.participantId,
    decides ? pending : null,
  );
  const mySuggestions = useMySuggestions(ownPending);
  usePresenterBroadcast(
    awareness,
    ready &&
      connected &&
      presentation.mode === 'follow' &&
      presentation.presenterId === me.participantId,
  );

  useEffect(() => {
    document.title = plan.title ? `${plan.title} · ${t('common.appName')}` : t('common.appName');
    // The start page lists this plan under the title it has now.
    if (plan.title) updatePlanAccess(planId, { title: plan.title });
  }, [planId, plan.title, t]);

  const header = (
    <AppHeader>
      <span className="app-header__title">{plan.title}</span>
      {ready && <PhaseBadge phase={plan.phase} />}
      <BreakoutTimer timer={timer} offset={offset} variant="header" />
      {connected && <LeaveWarning saves={connection.saves} />}
      <LiveSaveIndicator saves={connection.saves} local={connection.local} explained={!connected} />
      <PlanMenuButton menu={menu} />
    </AppHeader>
  );

  // The link or the plan is gone: what this device holds is offered before it goes.
  const endedCopy = notice?.kind === 'ended' && connection.local !== null && (
    <EndedCopyOffer
      title={plan.title}
      // The converter reads the text with the editor's schema: loaded when asked for.
      markdown={async () =>
        (await import('../../collab/planMarkdown.ts')).planMarkdown(connection.doc)
      }
      onDiscard={async () => {
        await session.discardLocalCopy();
        forgetSignIn(planId);
      }}
    />
  );

  if (notice?.code === CloseCode.UNKNOWN_PLAN) {
    return (
      <>
        {header}
        <PlanMissing />
        {endedCopy}
      </>
    );
  }

  return (
    <>
      {header}
      <div
        className={
          reviewing || historyShown || discussionShown
            ? 'plan-layout plan-layout--aside'
            : 'plan-layout'
        }
      >
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: closes the phone menu after a link or toggle, which have their own keys */}
        <aside
          id="plan-sidebar"
          className="plan-sidebar"
          data-testid="plan-sidebar"
          data-open={menu.open}
          aria-label={t('menu.label')}
          onClick={menu.onSidebarClick}
        >
          <div className="plan-sidebar__language">
            <LanguageSwitch />
          </div>
          {ready && connected && (
            <FacilitationPanel
              phase={plan.phase}
              suggesting={suggesting}
              onOpen={setPanel}
              consoleOpen={consoleOpen}
              onToggleConsole={() => setConsoleOpen(!consoleOpen)}
              pendingCount={pending.length}
              reviewOpen={reviewing}
              onToggleReview={() => setReviewOpen(!reviewOpen)}
            />
          )}
          {actor.role === 'observer' && <ProjectorLink />}
          <OnlineUsers users={users} groups={plan.groups} />
          {ready && <TableOfContents sections={plan.sections} groups={plan.groups} />}
          {ready && (
            <DiscussionToggle
              doc={connection.doc}
              open={discussionOpen}
              onToggle={() => setDiscussionOpen(!discussionOpen)}
            />
          )}
          {ready && (
            <HistoryToggle open={historyOpen} onToggle={() => setHistoryOpen(!historyOpen)} />
          )}
          {ready &&
            // Members suggest; others see the list only once they made a suggestion.
            (actor.role === 'member' ||
              ownPending.length > 0 ||
              (mySuggestions.decisions?.length ?? 0) > 0) && (
              <MySuggestions
                pending={ownPending}
                decisions={mySuggestions.decisions}
                error={mySuggestions.error}
                sections={plan.sections}
              />
            )}
          <ReportDownload />
        </aside>
        {(reviewing || historyShown || discussionShown) && (
          // Afresh for each choice of panels: one closed takes its notice with it.
          <LoadingBoundary key={`${discussionShown}:${reviewing}:${historyShown}`} fallback={null}>
            <aside className="plan-aside">
              {discussionShown && (
                <DiscussionAside
                  plan={plan}
                  doc={connection.doc}
                  presentation={presentation}
                  threadRequest={threadRequest}
                />
              )}
              {reviewing && (
                <div id="review-panel">
                  <ReviewPanel
                    plan={plan}
                    pending={pending}
                    preview={preview}
                    onPreview={setPreview}
                  />
                </div>
              )}
              {historyShown && (
                <div id="history-panel">
                  <HistoryPanel phase={plan.phase} onCompare={setComparison} />
                </div>
              )}
            </aside>
          </LoadingBoundary>
        )}
        <main className="plan-main">
          {notice && (
            <RefusalNotice
              key={`${notice.kind}:${generation}`}
              notice={notice}
              onDismiss={() => session.dismissNotice()}
            />
          )}
          <DecisionNotice news={mySuggestions.news} onDismiss={mySuggestions.dismissNews} />
          {endedCopy}
          <LocalCopyProblem local={connection.local} />
          {(state.unsaved.length > 0 || state.refusedCopy !== null) && (
            <UnsavedText
              texts={state.unsaved}
              refusedCopy={state.refusedCopy}
              title={plan.title}
              onDismiss={() => session.dismissUnsaved()}
            />
          )}
          {ready && connected && consoleOpen && (
            <LoadingBoundary fallback={null}>
              <ConsolePanel
                plan={plan}
                presentation={presentation}
                timer={timer}
                connection={connection}
                users={users}
              />
            </LoadingBoundary>
          )}
          {ready && comparison && (
            <LoadingBoundary
              key={`${comparison.fromId}:${comparison.toId}`}
              fallback={null}
              unavailable={closableUnavailable(() => setComparison(null))}
            >
              <ComparisonView
                request={comparison}
                plan={plan}
                onClose={() => setComparison(null)}
              />
            </LoadingBoundary>
          )}
          {ready && connected && <PlanNote actor={actor} phase={plan.phase} policy={suggesting} />}
          {ready ? (
            // A fresh doc after a refusal gets fresh editors: the old ones are bound to
            // the refused doc's fragments.
            <DiscussionProvider doc={connection.doc} openThread={openThread}>
              <PlanDocument
                key={generation}
                plan={plan}
                presentation={presentation}
                connection={connection}
                user={user}
                connected={connected}
                clockOffset={offset}
                pending={pending}
                preview={reviewing && preview}
              />
            </DiscussionProvider>
          ) : (
            <p className="muted plan-main__loading">{t('plan.loading')}</p>
          )}
        </main>
      </div>
      {panel && (
        // The panels are dialogs over the page: so is the notice in their place.
        <LoadingBoundary
          key={panel}
          fallback={null}
          unavailable={closableUnavailable(() => setPanel(null), { floating: true })}
        >
          {panel === 'share' && <SharePanel groups={plan.groups} onClose={() => setPanel(null)} />}
          {panel === 'groups' && (
            <GroupsPanel groups={plan.groups} onClose={() => setPanel(null)} />
          )}
        </LoadingBoundary>
      )}
    </>
  );
}
