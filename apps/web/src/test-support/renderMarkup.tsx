import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import i18next from 'i18next';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import type { PlanApi } from '../api/planApi.ts';
import type { Me } from '../api/planTypes.ts';
import { type PlanAccess, PlanAccessContext } from '../features/plan/PlanAccessContext.ts';
import { en } from '../i18n/en.ts';

// Rendered to markup rather than into jsdom: jsdom 31 needs Node 22 (its undici uses zstd).
/** English strings for tests that render into a root of their own (see `reactRoot`). */
export const i18n = i18next.createInstance();
void i18n.init({ lng: 'en', resources: { en: { translation: en } }, initAsync: false });

/** A participant for rendering plan controls; the API refuses every call. */
export function planAccessFor(me: Partial<Me> = {}): PlanAccess {
  const full: Me = {
    participantId: 'p1',
    name: 'Sokha',
    role: 'facilitator',
    groupId: null,
    inviteId: 'invite-own',
    expiresAt: null,
    ...me,
  };
  const refuse = () => Promise.reject(new Error('no server in this test'));
  const api = new Proxy({}, { get: () => refuse }) as PlanApi;
  return { planId: 'plan1234', me: full, actor: { role: full.role, groupId: full.groupId }, api };
}

/**
 * The static HTML of `element` in English, inside a router and a query client, and in
 * an open plan when `access` is given.
 */
export function renderMarkup(element: ReactNode, access?: PlanAccess): string {
  const inPlan = access ? <PlanAccessContext value={access}>{element}</PlanAccessContext> : element;
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={new QueryClient()}>
        <MemoryRouter>{inPlan}</MemoryRouter>
      </QueryClientProvider>
    </I18nextProvider>,
  );
}
