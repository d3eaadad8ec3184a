import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Puts the projector page in full screen (browsers allow it only from a click), and
 * hides itself while it is.
 */
export function FullScreenButton() {
  const { t } = useTranslation();
  const [full, setFull] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const onChange = () => setFull(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  if (full || !document.fullscreenEnabled) return null;
  return (
    <button
      type="button"
      className="button button--small"
      onClick={() => {
        // Refused when the browser does not allow it here; the page still fills the window.
        document.documentElement.requestFullscreen().catch(() => undefined);
      }}
    >
      {t('projector.fullScreen')}
    </button>
  );
}
