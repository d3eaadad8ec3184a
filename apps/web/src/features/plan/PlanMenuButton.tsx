import { useTranslation } from 'react-i18next';
import type { PlanMenu } from './usePlanMenu.ts';

/** The header's Menu button, shown on narrow screens, which shows and hides the sidebar. */
export function PlanMenuButton({ menu }: { menu: PlanMenu }) {
  const { t } = useTranslation();
  return (
    <button
      ref={menu.buttonRef}
      type="button"
      className="button plan-menu-button"
      aria-expanded={menu.open}
      aria-controls="plan-sidebar"
      onClick={menu.toggle}
    >
      <span aria-hidden="true" className="plan-menu-button__icon" />
      <span className="plan-menu-button__label">{t('menu.open')}</span>
    </button>
  );
}
