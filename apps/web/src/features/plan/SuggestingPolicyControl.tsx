import { type Phase, type SuggestingPolicy, WRITING_ROLES, type WritingRole } from '@plenary/model';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { usePlanAccess } from './PlanAccessContext.ts';

const PHASES: readonly Phase[] = ['drafting', 'review', 'final'];

/**
 * The facilitator's setting for who suggests by default: a row per role that writes, a
 * box per phase. A box shows the doc's value; a change shows once the server has made
 * it, for everyone's editors at once.
 */
export function SuggestingPolicyControl({ policy }: { policy: SuggestingPolicy }) {
  const { t } = useTranslation();
  const { api } = usePlanAccess();
  const change = useMutation({
    mutationFn: ({ role, phases }: { role: WritingRole; phases: Phase[] }) =>
      api.setSuggesting({ [role]: phases }),
  });
  const toggle = (role: WritingRole, phase: Phase, on: boolean) => {
    const phases = on
      ? [...policy[role], phase]
      : policy[role].filter((chosen) => chosen !== phase);
    change.mutate({ role, phases });
  };
  return (
    <fieldset className="suggesting-policy" data-testid="suggesting-policy">
      <legend>{t('plan.suggestingPolicy')}</legend>
      <table>
        <thead>
          <tr>
            <td />
            {PHASES.map((phase) => (
              <th key={phase} scope="col">
                {t(`phases.${phase}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WRITING_ROLES.map((role) => (
            <tr key={role}>
              <th scope="row">{t(`roles.${role}`)}</th>
              {PHASES.map((phase) => (
                <td key={phase}>
                  {/* The label makes the whole cell the target, big enough for a thumb. */}
                  <label className="suggesting-policy__cell">
                    <input
                      type="checkbox"
                      aria-label={t('plan.suggestsIn', {
                        role: t(`roles.${role}`),
                        phase: t(`phases.${phase}`),
                      })}
                      checked={policy[role].includes(phase)}
                      disabled={change.isPending}
                      onChange={(event) => toggle(role, phase, event.target.checked)}
                    />
                  </label>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorMessage error={change.error} inline />
    </fieldset>
  );
}
