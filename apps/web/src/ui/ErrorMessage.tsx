import { useTranslation } from 'react-i18next';
import { errorText } from '../api/errorText.ts';

/**
 * A failed request in words, announced to screen readers; nothing while there is no
 * error. `inline` is the small form under a control rather than a boxed alert.
 */
export function ErrorMessage({ error, inline = false }: { error: unknown; inline?: boolean }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  return (
    <p role="alert" className={inline ? 'field__error' : 'alert alert--error'}>
      {errorText(error, t)}
    </p>
  );
}
