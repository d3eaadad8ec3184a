import type { SectionState } from '@plenary/model';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTLINE_ACCEPT } from '../../api/outlineFile.ts';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';
import { sectionTitleId } from '../plan/sectionIds.ts';
import { ImportProblems } from './ImportProblems.tsx';
import { importErrorText } from './importErrorText.ts';
import { useOutlineLimit } from './useOutlineLimit.ts';

/**
 * The facilitator's "Replace with file…": asks first, then takes a .docx or .md file and
 * makes it the section's text for everyone, listing what the file held that the plan
 * cannot. An agreed section is locked, so the button waits for it to be reopened.
 */
export function ReplaceSectionFromFile({ section }: { section: SectionState }) {
  const { t } = useTranslation();
  const { api } = usePlanAccess();
  const { limit, refusal } = useOutlineLimit();
  const picker = useRef<HTMLInputElement>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const replace = useMutation({
    mutationFn: (file: File) => api.importSection(section.id, file),
  });

  const choose = (file: File) => {
    const why = refusal(file);
    setRefused(why);
    if (!why) replace.mutate(file);
  };

  return (
    <div className="replace-file">
      <input
        ref={picker}
        type="file"
        accept={OUTLINE_ACCEPT}
        hidden
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared, so that choosing the same file again replaces again.
          event.target.value = '';
          if (file) choose(file);
        }}
      />
      <ConfirmButton
        label={replace.isPending ? t('import.replacing') : t('import.replace')}
        question={t('import.replaceQuestion', { title: section.title })}
        confirmLabel={t('import.replaceYes')}
        disabled={section.status === 'agreed' || replace.isPending}
        describedBy={sectionTitleId(section.id)}
        onConfirm={() => {
          replace.reset();
          setRefused(null);
          picker.current?.click();
        }}
      />
      {refused && (
        <p role="alert" className="field__error">
          {refused}
        </p>
      )}
      {replace.isError && (
        <p role="alert" className="field__error">
          {importErrorText(replace.error, t, limit)}
        </p>
      )}
      {replace.isSuccess && (
        <div role="status" className="replace-file__result">
          <p>{t('import.replaced', { title: section.title, file: replace.variables.name })}</p>
          <ImportProblems problems={replace.data.problems} />
          <button type="button" className="button button--small" onClick={() => replace.reset()}>
            {t('common.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
