import type { PlanTemplateId } from '@plenary/model';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../../api/errorText.ts';
import { useCreatePlan } from '../../api/useCreatePlan.ts';
import { TextField } from '../../ui/TextField.tsx';

const TEMPLATES = [
  { id: 'r2p-nap', label: 'start.templateR2p', hint: 'start.templateR2pHint' },
  { id: 'blank', label: 'start.templateBlank', hint: 'start.templateBlankHint' },
] as const satisfies readonly { id: PlanTemplateId; label: string; hint: string }[];

/** The form that creates a plan from a template and opens it. */
export function CreatePlanForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const createPlan = useCreatePlan();
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<PlanTemplateId>('r2p-nap');
  const [titleMissing, setTitleMissing] = useState(false);
  const ids = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = title.trim();
    setTitleMissing(!trimmed);
    if (!trimmed) return;
    createPlan.mutate(
      { title: trimmed, template },
      { onSuccess: (plan) => navigate(`/plans/${plan.id}`) },
    );
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
      {createPlan.isError && (
        <p role="alert" className="alert alert--error">
          {errorText(createPlan.error, t)}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={createPlan.isPending}>
        {createPlan.isPending ? t('start.creating') : t('start.create')}
      </button>
    </form>
  );
}
