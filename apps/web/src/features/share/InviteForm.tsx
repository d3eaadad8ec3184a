import { type GroupState, ROLES, type Role } from '@plenary/model';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedInvite, NewInvite } from '../../api/planTypes.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { SelectField } from '../../ui/SelectField.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';
import { EXPIRY_CHOICES, expiresAt } from './inviteTimes.ts';

/** Creates an invite link for a role (and, for members, their breakout group). */
export function InviteForm({
  groups,
  onCreated,
}: {
  groups: GroupState[];
  onCreated: (invite: CreatedInvite) => void;
}) {
  const { t } = useTranslation();
  const { api, planId } = usePlanAccess();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<Role>('member');
  const [groupId, setGroupId] = useState('');
  const [expiry, setExpiry] = useState('never');
  const [groupMissing, setGroupMissing] = useState(false);
  const [personName, setPersonName] = useState('');
  const activeGroups = groups.filter((group) => !group.archived);
  const forMembers = role === 'member';
  const create = useMutation({
    mutationFn: (invite: NewInvite) => api.createInvite(invite),
    onSuccess: (created) => {
      onCreated(created);
      return queryClient.invalidateQueries({ queryKey: queryKeys.invites(planId) });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Member links belong to a group: the server refuses one without.
    const missing = forMembers && !activeGroups.some((group) => group.id === groupId);
    setGroupMissing(missing);
    if (missing) return;
    create.mutate({
      role,
      groupId: forMembers ? groupId : undefined,
      expiresAt: expiresAt(expiry, new Date()),
      personName: personName.trim() || undefined,
    });
  };

  return (
    <form className="invite-form" onSubmit={submit} noValidate>
      <SelectField
        label={t('share.role')}
        value={role}
        onChange={(event) => setRole(event.target.value as Role)}
      >
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {t(`roles.${option}`)}
          </option>
        ))}
      </SelectField>
      {forMembers && (
        <SelectField
          label={t('share.group')}
          value={groupId}
          error={groupMissing ? t('share.groupRequired') : null}
          onChange={(event) => setGroupId(event.target.value)}
        >
          <option value="">{t('share.chooseGroup')}</option>
          {activeGroups.map((group) => (
            <option key={group.id} value={group.id}>
              {group.name}
            </option>
          ))}
        </SelectField>
      )}
      <TextField
        label={t('share.personName')}
        error={null}
        value={personName}
        maxLength={60}
        placeholder={t('share.personNamePlaceholder')}
        onChange={(event) => setPersonName(event.target.value)}
      />
      <SelectField
        label={t('share.expiry')}
        value={expiry}
        onChange={(event) => setExpiry(event.target.value)}
      >
        {EXPIRY_CHOICES.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {t(choice.label)}
          </option>
        ))}
      </SelectField>
      <ErrorMessage error={create.error} />
      <SubmitButton
        pending={create.isPending}
        label={t('share.create')}
        pendingLabel={t('share.creating')}
      />
    </form>
  );
}
