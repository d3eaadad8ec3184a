import { useTranslation } from 'react-i18next';
import { useServerConfig } from '../../api/useServerConfig.ts';

/**
 * Says where links and QR codes point when the page itself is open at `localhost`: at
 * the machine's venue address (so phones can open them), or, when the machine has none,
 * that no one else can open them yet.
 */
export function LinkReachNote() {
  const { t } = useTranslation();
  const links = useServerConfig().data?.links;
  if (!links?.pageOnLoopback || links.source === 'public-url') return null;
  if (links.source === 'lan') {
    return (
      <p className="alert alert--info" role="note" data-testid="link-reach-note">
        {t('share.linksUseLan', { address: links.url })}
      </p>
    );
  }
  return (
    <p className="alert alert--warning" role="note" data-testid="link-reach-note">
      {t('share.linksLocalOnly')}
    </p>
  );
}
