import { useRegisterSW } from 'virtual:pwa-register/react';
import { useTranslation } from 'react-i18next';

/** How often an open page asks whether a new version was deployed (a day at the venue is long). */
const UPDATE_CHECK_MS = 30 * 60 * 1000;

/**
 * Registers the service worker that keeps the app on this device, and says so when a new
 * version has been deployed: the new version waits until the person presses Reload, so
 * no page runs old code against a new server for longer than they choose, and none
 * switches under their fingers. Text typed meanwhile is kept on the device, so the
 * reload loses nothing.
 */
export function UpdatePrompt() {
  const { t } = useTranslation();
  const {
    needRefresh: [needRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      setInterval(() => {
        // Offline, the check fails quietly and the next one tries again.
        if (navigator.onLine) void registration.update().catch(() => undefined);
      }, UPDATE_CHECK_MS);
    },
  });
  if (!needRefresh) return null;
  return (
    <div className="update-prompt" role="status" data-testid="update-prompt">
      <span>{t('update.available')}</span>
      <button
        type="button"
        className="button button--small button--primary"
        onClick={() => void updateServiceWorker(true)}
      >
        {t('update.reload')}
      </button>
    </div>
  );
}
