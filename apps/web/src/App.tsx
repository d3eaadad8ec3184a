import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { AppHeader } from './ui/AppHeader.tsx';
import { lazyComponent } from './ui/lazyComponent.ts';
import { PageLoading } from './ui/PageLoading.tsx';

// The editor, Yjs and the sync code are most of the app's weight; the start page
// should not wait for them on a slow venue network.
const PlanPage = lazy(async () => ({
  default: (await import('./features/plan/PlanPage.tsx')).PlanPage,
}));
const ProjectorPage = lazy(async () => ({
  default: (await import('./features/projector/ProjectorPage.tsx')).ProjectorPage,
}));
// Nor should a plan page or a projector wait for the start page's forms and templates.
const StartPage = lazyComponent(
  async () => (await import('./features/start/StartPage.tsx')).StartPage,
);
const JoinCodePage = lazyComponent(
  async () => (await import('./features/join/JoinCodePage.tsx')).JoinCodePage,
);

/** The app's routes: the start page, typing a join code, a plan, and a plan's projector view. */
export function App() {
  return (
    <Routes>
      <Route
        path="/"
        element={
          <Suspense fallback={<PageLoading />}>
            <StartPage />
          </Suspense>
        }
      />
      <Route
        path="/join"
        element={
          <Suspense fallback={<PageLoading />}>
            <JoinCodePage />
          </Suspense>
        }
      />
      <Route
        path="/plans/:planId"
        element={
          <Suspense fallback={<PageLoading />}>
            <PlanPage />
          </Suspense>
        }
      />
      <Route
        path="/plans/:planId/projector"
        element={
          <Suspense fallback={<PageLoading />}>
            <ProjectorPage />
          </Suspense>
        }
      />
      <Route path="*" element={<NoSuchPage />} />
    </Routes>
  );
}

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
