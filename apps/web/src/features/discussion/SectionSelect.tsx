import type { SectionState } from '@plenary/model';
import type { ReactNode } from 'react';

/** A labelled choice of the plan's sections, with an optional first choice (e.g. "All"). */
export function SectionSelect({
  label,
  sections,
  value,
  onChange,
  anyLabel,
}: {
  label: string;
  sections: readonly Pick<SectionState, 'id' | 'title'>[];
  value: string;
  onChange: (sectionId: string) => void;
  /** The label of an empty choice meaning "any section"; none when absent. */
  anyLabel?: ReactNode;
}) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {sections.map((section) => (
          <option key={section.id} value={section.id}>
            {section.title}
          </option>
        ))}
      </select>
    </label>
  );
}
