import type { PlanTemplateId } from '@plenary/model';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreatePlan } from '../../api/useCreatePlan.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { useOpenCreatedPlan } from './useOpenCreatedPlan.ts';

const TEMPLATES = [
  { id: 'r2p-nap', label: 'start.templateR2p', hint: 'start.templateR2pHint' },
  { id: 'r2p-nap-km', label: 'start.templateR2pKhmer', hint: 'start.templateR2pKhmerHint' },
  { id: 'blank', label: 'start.templateBlank', hint: 'start.templateBlankHint' },
] as const satisfies readonly { id: PlanTemplateId; label: string; hint: string }[];

/**
 * The form that creates a plan from a template and opens it through the facilitator's
 * invite link, so that its creator joins it as its facilitator.
 */
export function CreatePlanForm({ adminToken }: { adminToken: string | null }) {
  const { t, i18n } = useTranslation();
  const openPlan = useOpenCreatedPlan();
  const createPlan = useCreatePlan(adminToken);
  const [title, setTitle] = useState('');
  // Someone reading Khmer most likely drafts in Khmer: the template starts in it too.
  const [template, setTemplate] = useState<PlanTemplateId>(
    i18n.language.startsWith('km') ? 'r2p-nap-km' : 'r2p-nap',
  );
  const [titleMissing, setTitleMissing] = useState(false);
  const ids = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = title.trim();
    setTitleMissing(!trimmed);
    if (!trimmed) return;
    createPlan.mutate({ title: trimmed, template }, { onSuccess: openPlan });
  };

  return (
    <form className="card create-plan" onSubmit={submit} noValidate>
      <h2>{t('start.createHeading')}</h2>
      <TextField
        label={t('start.planTitle')}
        error={titleMissing ? t('start.titleRequired') : null}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        placeholder={t('start.planTitlePlaceholder')}
        maxLength={200}
      />
      <fieldset className="field templates">
        <legend>{t('start.template')}</legend>
        {TEMPLATES.map((option) => (
          <label key={option.id} className="template-option">
            <input
              type="radio"
              name="template"
              value={option.id}
              checked={template === option.id}
              onChange={() => setTemplate(option.id)}
              // Named by the template's name alone; the hint is its description.
              aria-labelledby={`${ids}-${option.id}`}
              aria-describedby={`${ids}-${option.id}-hint`}
            />
            <span className="template-option__text">
              <span id={`${ids}-${option.id}`} className="template-option__label">
                {t(option.label)}
              </span>
              <span id={`${ids}-${option.id}-hint`} className="template-option__hint">
                {t(option.hint)}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <ErrorMessage error={createPlan.error} />
      <SubmitButton
        pending={createPlan.isPending}
        label={t('start.create')}
        pendingLabel={t('start.creating')}
      />
    </form>
  );
}
