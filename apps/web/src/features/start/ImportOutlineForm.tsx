import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTLINE_ACCEPT } from '../../api/outlineFile.ts';
import { useImportPlan } from '../../api/useImportPlan.ts';
import { Field } from '../../ui/Field.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { ImportProblems } from '../import/ImportProblems.tsx';
import { importErrorText } from '../import/importErrorText.ts';
import { useOutlineLimit } from '../import/useOutlineLimit.ts';
import { useOpenCreatedPlan } from './useOpenCreatedPlan.ts';

/**
 * Makes a new plan of a draft outline (.docx or .md) and opens it as its facilitator. When
 * the file held things the plan cannot (pictures, footnotes…), they are listed first,
 * with the button that opens the plan.
 */
export function ImportOutlineForm({ adminToken }: { adminToken: string | null }) {
  const { t } = useTranslation();
  const openPlan = useOpenCreatedPlan();
  const importPlan = useImportPlan(adminToken);
  const { limit, refusal } = useOutlineLimit();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const refused = file ? refusal(file) : t('import.fileRequired');
    setFileError(refused);
    if (!file || refused) return;
    importPlan.mutate(file, {
      onSuccess: (plan) => {
        if (plan.problems.length === 0) openPlan(plan);
      },
    });
  };
  const imported = importPlan.data;

  return (
    <form className="card import-outline" onSubmit={submit} noValidate>
      <h2>{t('import.heading')}</h2>
      <p className="import-outline__intro">{t('import.intro')}</p>
      <Field label={t('import.file')} error={fileError}>
        {(control) => (
          <input
            {...control}
            type="file"
            accept={OUTLINE_ACCEPT}
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setFileError(null);
              importPlan.reset();
            }}
          />
        )}
      </Field>
      {importPlan.isError && (
        <p role="alert" className="alert alert--error">
          {importErrorText(importPlan.error, t, limit)}
        </p>
      )}
      {imported && imported.problems.length > 0 ? (
        <div role="status" className="import-outline__result">
          <p>{t('import.created', { title: imported.title })}</p>
          <ImportProblems problems={imported.problems} />
          <button
            type="button"
            className="button button--primary"
            onClick={() => openPlan(imported)}
          >
            {t('import.open')}
          </button>
        </div>
      ) : (
        <SubmitButton
          pending={importPlan.isPending}
          label={t('import.submit')}
          pendingLabel={t('import.importing')}
        />
      )}
    </form>
  );
}
