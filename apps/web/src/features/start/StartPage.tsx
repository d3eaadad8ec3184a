import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { storeAdminToken, storedAdminToken } from '../../access/adminToken.ts';
import { needsAdminToken, planListOff, usePlans } from '../../api/usePlans.ts';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { usePageOpened } from '../../ui/afterPageOpened.ts';
import { AdminTokenForm } from './AdminTokenForm.tsx';
import { CreatePlanForm } from './CreatePlanForm.tsx';
import { DevicePlans } from './DevicePlans.tsx';
import { ImportOutlineForm } from './ImportOutlineForm.tsx';
import { PlanList } from './PlanList.tsx';

/**
 * `/`: create a plan, or open one this device joined. A server with an administrator
 * token asks for it before creating plans and lists every plan to whoever gives it; a
 * server without one lists none. People with an invite link never need it.
 */
export function StartPage() {
  const { t } = useTranslation();
  usePageOpened();
  const [adminToken, setAdminToken] = useState(storedAdminToken);
  const plans = usePlans(adminToken);
  const locked = plans.isError && needsAdminToken(plans.error);
  // Without an administrator token the server lists no plans: this browser's list is all.
  const listOff = plans.isError && planListOff(plans.error);
  useEffect(() => {
    document.title = t('common.appName');
  }, [t]);

  const chooseToken = (token: string | null) => {
    storeAdminToken(token);
    setAdminToken(token);
  };

  return (
    <>
      <AppHeader />
      <main className="start-page">
        <div className="start-page__intro">
          <h1>{t('start.heading')}</h1>
          <p>{t('start.intro')}</p>
        </div>
        <div className="start-page__columns">
          {locked ? (
            <AdminTokenForm rejected={adminToken !== null} onSave={chooseToken} />
          ) : (
            <div className="start-page__new">
              <CreatePlanForm adminToken={adminToken} />
              <ImportOutlineForm adminToken={adminToken} />
            </div>
          )}
          <div className="start-page__lists">
            <DevicePlans />
            {!locked && !listOff && (
              <PlanList
                plans={plans}
                onForgetToken={adminToken === null ? undefined : () => chooseToken(null)}
              />
            )}
          </div>
        </div>
      </main>
    </>
  );
}
