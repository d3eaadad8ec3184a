import { type ReactNode, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** The bar on top of every page: the way home, the page's own items, the language. */
export function AppHeader({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const header = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const element = header.current;
    if (!element) return;
    // The plan's toolbar sticks just below the header, whose height changes when the
    // saving message wraps on a phone.
    const observer = new ResizeObserver(() => {
      document.documentElement.style.setProperty('--header-height', `${element.offsetHeight}px`);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <header className="app-header" ref={header}>
      <Link to="/" className="app-header__brand" aria-label={t('common.allPlans')}>
        <span aria-hidden="true" className="app-header__logo">
          P
        </span>
        <span className="app-header__name">{t('common.appName')}</span>
      </Link>
      <div className="app-header__middle">{children}</div>
      <LanguageSwitch />
    </header>
  );
}
