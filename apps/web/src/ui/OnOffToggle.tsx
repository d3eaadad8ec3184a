import { useTranslation } from 'react-i18next';

/**
 * A toggle that looks it: filled with a tick when on, outlined when off, and its state in
 * words; aria-pressed says the same to screen readers.
 */
export function OnOffToggle({
  label,
  on,
  disabled = false,
  onToggle,
}: {
  label: string;
  on: boolean;
  disabled?: boolean;
  onToggle: () => void;
}) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="button follow-toggle"
      aria-pressed={on}
      disabled={disabled}
      onClick={onToggle}
    >
      <span className="follow-toggle__mark" aria-hidden="true" />
      {label}
      <span className="follow-toggle__state" aria-hidden="true">
        {t(on ? 'console.followOn' : 'console.followOff')}
      </span>
    </button>
  );
}
