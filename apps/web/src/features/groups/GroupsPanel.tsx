import type { GroupState } from '@plenary/model';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../ui/ConfirmButton.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { Modal } from '../../ui/Modal.tsx';
import { TextField } from '../../ui/TextField.tsx';
import { usePlanAccess } from '../plan/PlanAccessContext.ts';

/** The longest group name the panel accepts; names label chips in narrow sidebars. */
const MAX_GROUP_NAME = 60;

/**
 * The facilitator's breakout groups: rename, add, remove. The list is the doc's, so
 * every change shows once the server has made it, for everyone at once.
 */
export function GroupsPanel({ groups, onClose }: { groups: GroupState[]; onClose: () => void }) {
  const { t } = useTranslation();
  const active = groups.filter((group) => !group.archived);
  return (
    <Modal heading={t('groups.heading')} onClose={onClose}>
      <p className="muted">{t('groups.intro')}</p>
      {active.length === 0 && <p className="muted">{t('groups.empty')}</p>}
      <ul className="group-list">
        {active.map((group) => (
          <GroupRow key={group.id} group={group} />
        ))}
      </ul>
      <AddGroupForm />
    </Modal>
  );
}

function GroupRow({ group }: { group: GroupState }) {
  const { t } = useTranslation();
  const { api } = usePlanAccess();
  const [name, setName] = useState(group.name);
  useEffect(() => {
    // Renamed by another facilitator, or by this one once the doc has the new name.
    setName(group.name);
  }, [group.name]);
  const rename = useMutation({
    mutationFn: (next: string) => api.updateGroup(group.id, { name: next }),
  });
  const remove = useMutation({ mutationFn: () => api.archiveGroup(group.id) });
  const trimmed = name.trim();
  const failed = rename.error ?? remove.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (trimmed && trimmed !== group.name) rename.mutate(trimmed);
  };

  return (
    <li className="group-row">
      <form className="group-row__form" onSubmit={submit} noValidate>
        <span className="group-row__swatch" style={{ backgroundColor: group.color }} aria-hidden />
        <input
          type="text"
          aria-label={t('groups.nameOf', { name: group.name })}
          value={name}
          maxLength={MAX_GROUP_NAME}
          onChange={(event) => setName(event.target.value)}
        />
        <button
          type="submit"
          className="button button--small"
          disabled={!trimmed || trimmed === group.name || rename.isPending}
        >
          {t('groups.rename')}
        </button>
        <ConfirmButton
          label={t('groups.remove')}
          question={t('groups.removeConfirm', { name: group.name })}
          confirmLabel={t('groups.removeYes')}
          disabled={remove.isPending}
          onConfirm={() => remove.mutate()}
        />
      </form>
      <ErrorMessage error={failed} inline />
    </li>
  );
}

function AddGroupForm() {
  const { t } = useTranslation();
  const { api } = usePlanAccess();
  const [name, setName] = useState('');
  const [missing, setMissing] = useState(false);
  const add = useMutation({
    mutationFn: (next: string) => api.addGroup(next),
    onSuccess: () => setName(''),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    setMissing(!trimmed);
    if (trimmed) add.mutate(trimmed);
  };

  return (
    <form className="add-group" onSubmit={submit} noValidate>
      <TextField
        label={t('groups.newGroup')}
        error={missing ? t('groups.nameRequired') : null}
        value={name}
        maxLength={MAX_GROUP_NAME}
        onChange={(event) => setName(event.target.value)}
      />
      <ErrorMessage error={add.error} />
      <button type="submit" className="button button--secondary" disabled={add.isPending}>
        {t('groups.add')}
      </button>
    </form>
  );
}
