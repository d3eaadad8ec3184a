import { useTranslation } from 'react-i18next';
import { useServerConfig } from '../../api/useServerConfig.ts';
import { formatBytes } from '../../ui/formatBytes.ts';

/** The server's limit on outline files, in words, and the refusal of a file over it. */
export function useOutlineLimit(): {
  /** The limit in words, or null until the server's limits have arrived. */
  limit: string | null;
  /** Why this file will not be accepted, or null when it may be sent. */
  refusal(file: File): string | null;
} {
  const { t, i18n } = useTranslation();
  const maxBytes = useServerConfig().data?.maxImportBytes ?? null;
  const words = (bytes: number) => formatBytes(bytes, i18n.language);
  return {
    limit: maxBytes === null ? null : words(maxBytes),
    // Refused here rather than after sending megabytes the server would refuse anyway.
    refusal: (file) =>
      maxBytes !== null && file.size > maxBytes
        ? t('import.tooLarge', { size: words(file.size), limit: words(maxBytes) })
        : null,
  };
}
