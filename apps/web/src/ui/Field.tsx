import { type ReactNode, useId } from 'react';

/** What a field hands its control so the label and the error message belong to it. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

/** A label, a control and its error message, tied together for screen readers. */
export function Field({
  label,
  error,
  children,
}: {
  label: string;
  error: string | null;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        'aria-invalid': error !== null,
        'aria-describedby': error === null ? undefined : `${id}-error`,
      })}
      {error !== null && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
