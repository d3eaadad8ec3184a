import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { JoinCodePage } from './features/join/JoinCodePage.tsx';
import { StartPage } from './features/start/StartPage.tsx';
import { AppHeader } from './ui/AppHeader.tsx';
import { PageLoading } from './ui/PageLoading.tsx';

// The editor, Yjs and the sync code are most of the app's weight; the start page
// should not wait for them on a slow venue network.
const PlanPage = lazy(async () => ({
  default: (await import('./features/plan/PlanPage.tsx')).PlanPage,
}));
const ProjectorPage = lazy(async () => ({
  default: (await import('./features/projector/ProjectorPage.tsx')).ProjectorPage,
}));

/** The app's routes: the start page, typing a join code, a plan, and a plan's projector view. */
export function App() {
  return (
    <Routes>
      <Route path="/" element={<StartPage />} />
      <Route path="/join" element={<JoinCodePage />} />
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
