/** A close (×) button for a dialog or a panel, named by `label` for screen readers and as its tooltip. */
export function CloseButton({
  label,
  className,
  onClick,
}: {
  label: string;
  /** Where it sits, e.g. `modal__close`. */
  className: string;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className={`icon-button ${className}`}
      aria-label={label}
      title={label}
      onClick={onClick}
    >
      <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
        <path d="M3 3l10 10M13 3L3 13" stroke="currentColor" strokeWidth="1.8" />
      </svg>
    </button>
  );
}
