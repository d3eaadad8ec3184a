import { useEffect, useState } from 'react';
import { qrDataUrl } from './qrDataUrl.ts';

/**
 * A QR code image of `text`, described by `alt`; a blank square while it is drawn.
 * `className` sizes it where the default 220px does not fit (the projector's is larger).
 */
export function QrCode({
  text,
  alt,
  className,
}: {
  text: string;
  alt: string;
  className?: string;
}) {
  const classes = className ? `qr-code ${className}` : 'qr-code';
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    setSrc(null);
    qrDataUrl(text).then(
      (url) => {
        if (current) setSrc(url);
      },
      // The link stays readable and copyable beside the code; the console keeps the cause.
      (error: unknown) => console.error('QR code could not be drawn', error),
    );
    return () => {
      current = false;
    };
  }, [text]);
  return src ? (
    <img className={classes} src={src} alt={alt} width={220} height={220} data-testid="qr-code" />
  ) : (
    <div className={`${classes} qr-code--pending`} aria-hidden="true" />
  );
}
