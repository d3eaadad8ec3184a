import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppHeader } from './AppHeader.tsx';
import { ReloadButton } from './ReloadButton.tsx';

type State = { crashed: boolean };

/**
 * Around the whole app: a page that throws while it draws (a bug) says so and offers a
 * reload, instead of React unmounting everything and leaving a blank window in front of
 * someone who is not technical. React logs the error itself. A part whose code did not
 * arrive never gets here: its `LoadingBoundary` catches that.
 */
export class CrashBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { crashed: false };

  static getDerivedStateFromError(): State {
    return { crashed: true };
  }

  override render(): ReactNode {
    return this.state.crashed ? <PageCrashed /> : this.props.children;
  }
}

function PageCrashed() {
  const { t } = useTranslation();
  return (
    <>
      <AppHeader />
      <main className="plan-missing">
        <div role="alert" className="alert alert--error">
          <p>{t('common.crashed')}</p>
          <ReloadButton />
        </div>
      </main>
    </>
  );
}
