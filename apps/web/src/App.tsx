import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { fetchMeEarly } from './access/earlyMe.ts';
import { keptSession } from './access/keptSignIn.ts';
import { inviteFromFragment } from './access/planAccess.ts';
import { PLAN_PAGE, PROJECTOR_PAGE } from './pageAddresses.ts';
import { AppHeader } from './ui/AppHeader.tsx';
import { LoadingBoundary } from './ui/LoadingBoundary.tsx';
import { loadingComponent } from './ui/loadingComponent.ts';
import { PageLoading } from './ui/PageLoading.tsx';
import { PageUnavailable } from './ui/PartUnavailable.tsx';

// The editor, Yjs and the sync code are most of the app's weight; the start page
// should not wait for them on a slow venue network. Their loading screen is drawn as the
// page itself, not as a Suspense fallback, so the page shows as soon as its code is here
// (see loadingComponent).
const PlanPage = loadingComponent(
  async () => (await import('./features/plan/PlanPage.tsx')).PlanPage,
  () => <PageLoading />,
);
const ProjectorPage = loadingComponent(
  async () => (await import('./features/projector/ProjectorPage.tsx')).ProjectorPage,
  () => <PageLoading />,
);
// Nor should a plan page or a projector wait for the start page's forms and templates.
const StartPage = loadingComponent(
  async () => (await import('./features/start/StartPage.tsx')).StartPage,
);
const JoinCodePage = loadingComponent(
  async () => (await import('./features/join/JoinCodePage.tsx')).JoinCodePage,
);

/**
 * Starts what opening a plan waits for as soon as the app's code runs, all at once: the
 * page's own code, `GET /me` for the session this device holds, and, when who that is
 * was confirmed before, the plan's session itself. Otherwise the page's
 * code is asked for only once the app has drawn its first route, and `/me` only once
 * that code has arrived and drawn the join step, one after the other. The code that asks
 * for `/me` is in the entry (a few KB): loaded with an import() of its own, it ran only
 * once that chunk had arrived and been evaluated among the page's, and once the page drew
 * as soon as its code was there, the join step had often asked for `/me` itself by then.
 */
export function preloadPage(location: Pick<Location, 'pathname' | 'hash'>): void {
  const plan = PLAN_PAGE.exec(location.pathname);
  const projector = PROJECTOR_PAGE.exec(location.pathname);
  const planId = plan?.[1] ?? projector?.[1];
  if (planId === undefined) return;
  (plan ? PlanPage : ProjectorPage).preload();
  fetchMeEarly(planId, location.hash);
  openSessionEarly(planId, location.hash);
}

/**
 * Opens the plan's session (device copy, then sync socket) as the app starts when this
 * device is signed in to the plan: who its session token belongs to is kept beside it
 * (keptSession), so the page's `/me` need not come first (see collab/earlySession.ts). An
 * address with an invite may change who this device is, so it waits for the join flow.
 */
function openSessionEarly(planId: string, hash: string): void {
  if (inviteFromFragment(hash) !== null) return;
  const kept = keptSession(planId);
  if (kept === null) return;
  const { sessionToken, me } = kept;
  import('./collab/earlySession.ts').then(
    (early) => early.openSessionEarly({ planId, sessionToken, participantId: me.participantId }),
    // The page opens its own session when it gets there (offline before the app was kept).
    () => {},
  );
}

/** The app's routes: the start page, typing a join code, a plan, and a plan's projector view. */
export function App() {
  return (
    <Routes>
      <Route
        path="/"
        element={
          <PageBoundary>
            <StartPage />
          </PageBoundary>
        }
      />
      <Route
        path="/join"
        element={
          <PageBoundary>
            <JoinCodePage />
          </PageBoundary>
        }
      />
      <Route
        path="/plans/:planId"
        element={
          <PageBoundary>
            <PlanPage />
          </PageBoundary>
        }
      />
      <Route
        path="/plans/:planId/projector"
        element={
          <PageBoundary>
            <ProjectorPage />
          </PageBoundary>
        }
      />
      <Route path="*" element={<NoSuchPage />} />
    </Routes>
  );
}

/** A route's page from its own chunk: "loading" while it comes, a notice while it cannot. */
function PageBoundary({ children }: { children: ReactNode }) {
  return (
    <LoadingBoundary fallback={<PageLoading />} unavailable={pageUnavailable}>
      {children}
    </LoadingBoundary>
  );
}

const pageUnavailable = (retry: () => void, retrying: boolean) => (
  <PageUnavailable retry={retry} retrying={retrying} />
);

function NoSuchPage() {
  const { t } = useTranslation();
  return (
    <>
      <AppHeader />
      <main className="plan-missing">
        <p>{t('common.pageNotFound')}</p>
        <Link to="/" className="button button--primary">
          {t('common.allPlans')}
        </Link>
      </main>
    </>
  );
}
