import type { InputHTMLAttributes } from 'react';
import { Field } from './Field.tsx';

/** A labelled text input whose error message is tied to it for screen readers. */
export function TextField({
  label,
  error,
  ...input
}: { label: string; error: string | null } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} error={error}>
      {(control) => <input {...input} {...control} />}
    </Field>
  );
}
