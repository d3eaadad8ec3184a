import { useTranslation } from 'react-i18next';
import { CopyLinkButton } from '../../ui/CopyLinkButton.tsx';
import { QrCode } from '../../ui/QrCode.tsx';
import { type HandedLink, JoinCodeHint } from './JoinCodeHint.tsx';

/**
 * One invite link, ready to hand over: a QR code for phones in the room, and the
 * readable address with a Copy button for sending by message, and for a shared member or
 * observer link a short code to type at the server's `/join` page.
 */
export function InviteLink({ url, label, inviteId }: HandedLink) {
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
        {inviteId && (
          <JoinCodeHint
            inviteId={inviteId}
            hint={t('share.joinCodeHint')}
            className="invite-link__short"
            fallback={null}
          />
        )}
      </div>
    </div>
  );
}
