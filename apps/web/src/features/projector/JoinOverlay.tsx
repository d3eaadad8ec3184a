import { useTranslation } from 'react-i18next';
import { QrCode } from '../../ui/QrCode.tsx';
import { joinOverlayLabel } from '../share/inviteLabel.ts';
import { type HandedLink, JoinCodeHint } from '../share/JoinCodeHint.tsx';

/**
 * An invite link over the projector's whole screen, as a QR code large enough to scan
 * from the middle of the room, with a short address and code for those who type it.
 */
export function JoinOverlay({ url, label, inviteId }: HandedLink) {
  const { t } = useTranslation();
  const who = joinOverlayLabel(label, t);
  return (
    <div
      className="join-overlay"
      data-testid="join-overlay"
      role="dialog"
      aria-labelledby="join-overlay-heading"
    >
      <div className="join-overlay__card">
        <h2 id="join-overlay-heading" className="join-overlay__heading">
          {t('projector.joinHeading')}
        </h2>
        <p className="join-overlay__who">{t('projector.joinFor', { label: who })}</p>
        <QrCode
          text={url}
          alt={t('projector.joinQrAlt', { label: who })}
          className="join-overlay__qr"
        />
        <JoinCodeHint
          inviteId={inviteId}
          hint={t('projector.joinCodeHint')}
          className="join-overlay__short"
          fallback={
            <>
              <p className="join-overlay__hint">{t('projector.joinHint')}</p>
              <p className="join-overlay__url" data-testid="join-overlay-url">
                {url.replace(/^https?:\/\//, '')}
              </p>
            </>
          }
        />
      </div>
    </div>
  );
}
