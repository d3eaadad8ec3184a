import { CloseCode } from '@plenary/model';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanConnection } from '../../collab/planConnection.ts';
import type { Identity } from '../../collab/useIdentity.ts';
import { useOnlineUsers } from '../../collab/useOnlineUsers.ts';
import { usePlanState } from '../../collab/usePlanState.ts';
import { useSaveStatus } from '../../collab/useSaveStatus.ts';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { CopyLinkButton } from '../../ui/CopyLinkButton.tsx';
import { NameDialog } from './NameDialog.tsx';
import { OnlineUsers } from './OnlineUsers.tsx';
import { PlanDocument } from './PlanDocument.tsx';
import { PlanMissing } from './PlanMissing.tsx';
import { SaveIndicator } from './SaveIndicator.tsx';
import { TableOfContents } from './TableOfContents.tsx';

/** An open plan: who is here, the contents, the text, and whether it is all saved. */
export function PlanWorkspace({
  connection,
  identity,
}: {
  connection: PlanConnection;
  identity: Identity;
}) {
  const { t } = useTranslation();
  const { ready, plan } = usePlanState(connection.doc);
  const status = useSaveStatus(connection.saves);
  const users = useOnlineUsers(connection.provider.awareness);
  const [renaming, setRenaming] = useState(false);
  const { name, color } = identity;

  useEffect(() => {
    // The caret extension sets `user` when an editor starts; this keeps it current
    // after a rename without rebuilding every editor.
    if (name) connection.provider.awareness.setLocalStateField('user', { name, color });
  }, [connection, name, color]);

  useEffect(() => {
    document.title = plan.title ? `${plan.title} · ${t('common.appName')}` : t('common.appName');
  }, [plan.title, t]);

  useEffect(() => {
    if (!status.unsaved) return;
    // Closing the tab now would lose text the server does not have yet.
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [status.unsaved]);

  const header = (
    <AppHeader>
      <span className="app-header__title">{plan.title}</span>
      <SaveIndicator status={status} />
    </AppHeader>
  );

  if (status.notice?.code === CloseCode.UNKNOWN_PLAN) {
    return (
      <>
        {header}
        <PlanMissing />
      </>
    );
  }

  return (
    <>
      {header}
      <div className="plan-layout">
        <aside className="plan-sidebar">
          <OnlineUsers users={users} onChangeName={() => setRenaming(true)} />
          <CopyLinkButton url={window.location.href.split('#')[0] ?? window.location.href} />
          {ready && <TableOfContents sections={plan.sections} groups={plan.groups} />}
        </aside>
        <main className="plan-main">
          {ready && name ? (
            <PlanDocument plan={plan} connection={connection} user={{ name, color }} />
          ) : (
            <p className="muted plan-main__loading">{t('plan.loading')}</p>
          )}
        </main>
      </div>
      {(!name || renaming) && (
        <NameDialog
          initialName={name ?? ''}
          onJoin={(next) => {
            identity.setName(next);
            setRenaming(false);
          }}
          onCancel={name ? () => setRenaming(false) : undefined}
        />
      )}
    </>
  );
}
