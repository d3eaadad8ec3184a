// `filename*=UTF-8''<percent-encoded>` (RFC 5987) carries names beyond ASCII, e.g. Khmer titles.
const EXTENDED = /filename\*\s*=\s*([^';]*)'[^']*'([^;]*)/i;
const PLAIN_QUOTED = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i;
const PLAIN_TOKEN = /filename\s*=\s*([^";\s][^;]*)/i;

function decodeExtended(charset: string, value: string): string | null {
  // Browsers only promise UTF-8 here; an ISO-8859-1 name would need its own decoder.
  if (charset.trim() !== '' && charset.trim().toLowerCase() !== 'utf-8') return null;
  try {
    return decodeURIComponent(value.trim());
  } catch {
    return null;
  }
}

/**
 * The file name a Content-Disposition header suggests: `filename*` when it decodes
 * (RFC 6266 prefers it), else `filename`; null when there is none.
 */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = EXTENDED.exec(header);
  const decoded = extended ? decodeExtended(extended[1] ?? '', extended[2] ?? '') : null;
  if (decoded) return decoded;
  const quoted = PLAIN_QUOTED.exec(header);
  if (quoted?.[1]) return quoted[1].replace(/\\(.)/g, '$1');
  const token = PLAIN_TOKEN.exec(header);
  return token?.[1]?.trim() || null;
}
