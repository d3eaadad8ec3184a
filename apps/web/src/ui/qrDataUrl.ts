/**
 * A QR code of `text` as an SVG data URL: sharp at any size, so the same image works on
 * a phone held up to another and on the venue's projector.
 */
export async function qrDataUrl(text: string): Promise<string> {
  // Loaded on demand: only facilitators sharing links need the encoder.
  const { toString: renderQr } = await import('qrcode');
  const svg = await renderQr(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
