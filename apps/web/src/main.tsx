import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/400-italic.css';
import '@fontsource/noto-sans/700.css';
// Only the Khmer subset: Latin text uses Noto Sans, which comes first in the stack.
import '@fontsource/noto-sans-khmer/khmer-400.css';
import '@fontsource/noto-sans-khmer/khmer-700.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/start.css';
import './styles/plan.css';
// ProseMirror's own rules, loaded with the page's other styles rather than injected by
// TipTap as the first editor is made (`injectCSS: false` in SectionEditor): a style sheet
// added while a long section is already drawn makes the browser lay all its text out again.
import 'prosemirror-view/style/prosemirror.css';
import 'prosemirror-gapcursor/style/gapcursor.css';
import './styles/editor.css';
import './styles/discussion.css';
import './styles/panels.css';
import './styles/timer.css';
import './styles/console.css';
import './styles/review.css';
import './styles/feedback.css';
import './styles/history.css';
import './styles/import.css';
import './styles/projector.css';
import './styles/phone.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App, preloadPage } from './App.tsx';
import { setupI18n } from './i18n/i18n.ts';
import { afterPageOpened } from './ui/afterPageOpened.ts';
import { CrashBoundary } from './ui/CrashBoundary.tsx';
import { LoadingBoundary } from './ui/LoadingBoundary.tsx';
import { loadingComponent } from './ui/loadingComponent.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    // Venue wifi drops requests; a couple of quiet retries save people a click.
    queries: { retry: 2 },
    // Creating twice is worse than asking the person to try again.
    mutations: { retry: 0 },
  },
});

// The service worker's registration and its new-version prompt draw nothing at first:
// their code comes just after the page, not in the code every page waits for, and they
// start once the page has opened, so the worker's first install does not compete with the
// opening for the device's cores. The code is fetched at once all the same: the wifi
// may drop in those seconds. If it does not arrive, nothing shows until it has.
const UpdatePrompt = loadingComponent(async () => {
  const code = import('./ui/UpdatePrompt.tsx');
  // Awaited below; a failure meanwhile is not an unhandled one.
  code.catch(() => {});
  await afterPageOpened();
  return (await code).UpdatePrompt;
});
const nothing = () => null;

// Before the strings below: a plan's code and who this device is in it load meanwhile.
preloadPage(window.location);

// The italic face is asked for with the page, not when the first italic glyph is laid
// out (the editor toolbar's "I" shows with the first editor): a face that arrives once a
// long plan's text is on the page makes the browser lay all of that text out again.
document.fonts?.load('italic 400 1em "Noto Sans"').catch(() => {});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// The first render reads in this device's language, so its strings are loaded first.
void setupI18n().then(() =>
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <CrashBoundary>
            <App />
          </CrashBoundary>
          <LoadingBoundary fallback={null} unavailable={nothing}>
            <UpdatePrompt />
          </LoadingBoundary>
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  ),
);
