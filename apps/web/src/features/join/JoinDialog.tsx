import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InviteInfo, JoinRequest } from '../../api/planTypes.ts';
import { MAX_NAME_LENGTH, tidyName } from '../../collab/identity.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { Modal } from '../../ui/Modal.tsx';
import { SubmitButton } from '../../ui/SubmitButton.tsx';
import { TextField } from '../../ui/TextField.tsx';

/**
 * Asks someone arriving with an invite link for the name shown with their cursor. Whoever
 * reaches it joins as someone new: a device that joined before comes back with its own
 * session and never sees this. It cannot be dismissed: the plan opens once they answer.
 */
export function JoinDialog({
  invite,
  initialName,
  pending,
  error,
  onJoin,
}: {
  invite: InviteInfo;
  initialName: string;
  pending: boolean;
  error: unknown;
  onJoin: (request: JoinRequest) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initialName);
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const tidy = tidyName(name);
    setMissing(!tidy);
    if (tidy) onJoin({ name: tidy });
  };

  return (
    <Modal heading={t('join.heading', { title: invite.planTitle })}>
      <form onSubmit={submit} noValidate className="join-form">
        <p>{t(`join.invitedAs.${invite.role}`, { group: invite.group?.name ?? '' })}</p>
        <p className="muted">{t('name.intro')}</p>
        <TextField
          label={t('name.label')}
          error={missing ? t('name.required') : null}
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={MAX_NAME_LENGTH}
          autoComplete="name"
          // The dialog exists to ask for this one field.
          autoFocus
        />
        <ErrorMessage error={error} />
        <div className="modal__actions">
          <SubmitButton pending={pending} label={t('name.join')} pendingLabel={t('join.joining')} />
        </div>
      </form>
    </Modal>
  );
}
