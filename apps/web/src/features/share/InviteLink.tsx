import { useTranslation } from 'react-i18next';
import { CopyLinkButton } from '../../ui/CopyLinkButton.tsx';
import { QrCode } from '../../ui/QrCode.tsx';

/**
 * One invite link, ready to hand over: a QR code for phones in the room, and the
 * readable address with a Copy button for sending by message.
 */
export function InviteLink({ url, label }: { url: string; label: string }) {
  const { t } = useTranslation();
  return (
    <div className="invite-link" data-testid="invite-link">
      <QrCode text={url} alt={t('share.qrAlt', { link: label })} />
      <div className="invite-link__text">
        <p className="invite-link__label">{label}</p>
        <p className="muted">{t('share.scanHint')}</p>
        <p className="invite-link__url" data-testid="invite-url">
          {url}
        </p>
        <CopyLinkButton url={url} />
      </div>
    </div>
  );
}
