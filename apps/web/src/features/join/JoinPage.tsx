import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useJoinFlow } from '../../access/useJoinFlow.ts';
import { accessText, errorText } from '../../api/errorText.ts';
import type { Me } from '../../api/planTypes.ts';
import { storedName, storeName } from '../../collab/identity.ts';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { PageLoading } from '../../ui/PageLoading.tsx';
import { MissingPlanPage } from '../plan/PlanMissing.tsx';
import { AccessProblem } from './AccessProblem.tsx';
import { JoinDialog } from './JoinDialog.tsx';

/** A working session in a plan: the token that opens it and who it belongs to. */
export interface JoinedSession {
  sessionToken: string;
  me: Me;
}

/**
 * Stands before a plan until this device has a working session in it: joins with the
 * invite link, or explains in words why it cannot (no link, a withdrawn or expired link,
 * no such plan, no network).
 */
export function JoinPage({
  planId,
  children,
}: {
  planId: string;
  children: (session: JoinedSession) => ReactNode;
}) {
  const { t } = useTranslation();
  const { state, flow } = useJoinFlow(planId);
  switch (state.step) {
    case 'checking':
      return <PageLoading />;
    case 'joined':
      return children(state);
    case 'choosing':
      return (
        <>
          <AppHeader />
          <JoinDialog
            invite={state.invite}
            initialName={storedName() ?? ''}
            pending={state.pending}
            error={state.error}
            onJoin={(request) => {
              // The next link this device opens offers the same name.
              storeName(request.name);
              void flow?.join(request);
            }}
          />
        </>
      );
    case 'needs-invite':
      return (
        <AccessProblem heading={t('access.needsInviteHeading')} text={t('access.missing-token')} />
      );
    case 'refused':
      return (
        <AccessProblem
          heading={t('access.refusedHeading')}
          text={accessText(state.code, state.message, t)}
        />
      );
    case 'missing':
      return <MissingPlanPage />;
    case 'failed':
      return (
        <AccessProblem
          heading={t('access.failedHeading')}
          text={errorText(state.error, t)}
          onRetry={() => void flow?.start()}
        />
      );
  }
}
