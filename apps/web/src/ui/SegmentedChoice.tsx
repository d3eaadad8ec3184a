/**
 * One choice among a few, as a row of buttons with the chosen one pressed: the phase,
 * how the projector shows suggestions. The pressed button is the value the doc holds.
 */
export function SegmentedChoice<T extends string>({
  legend,
  legendClassName = 'visually-hidden',
  options,
  value,
  label,
  disabled,
  onChoose,
}: {
  legend: string;
  /** Hidden by default: the buttons' words usually say enough. */
  legendClassName?: string;
  options: readonly T[];
  value: T;
  label: (option: T) => string;
  disabled: boolean;
  /** Called with an option other than the current value. */
  onChoose: (option: T) => void;
}) {
  return (
    <fieldset className="segmented">
      <legend className={legendClassName}>{legend}</legend>
      {options.map((option) => (
        <button
          key={option}
          type="button"
          className="segmented__button"
          aria-pressed={value === option}
          disabled={disabled}
          onClick={() => {
            if (option !== value) onChoose(option);
          }}
        >
          {label(option)}
        </button>
      ))}
    </fieldset>
  );
}
