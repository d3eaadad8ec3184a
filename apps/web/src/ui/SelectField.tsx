import type { SelectHTMLAttributes } from 'react';
import { Field } from './Field.tsx';

/** A labelled select whose error message is tied to it for screen readers. */
export function SelectField({
  label,
  error = null,
  ...select
}: { label: string; error?: string | null } & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field label={label} error={error}>
      {(control) => <select {...select} {...control} />}
    </Field>
  );
}
