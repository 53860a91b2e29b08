import { lazy, Suspense, type ComponentType } from 'react';
import { Route, Routes } from 'react-router';
import { SiteLayout } from './components/SiteLayout.tsx';
import { loadCatalogue } from './i18n.ts';
import { Loading } from './components/Loading.tsx';

/** A page chunk that also needs the whole UI catalogue (the main bundle carries only the shell's texts). */
function page(load: () => Promise<{ default: ComponentType }>) {
  return lazy(() => Promise.all([load(), loadCatalogue()]).then(([module]) => module));
}

// Each page is its own chunk: a phone opening /join loads the shell and the join page only.
const HomePage = page(() => import('./pages/HomePage.tsx'));
const ProgrammesPage = page(() => import('./pages/ProgrammesPage.tsx'));
const ProgrammePage = page(() => import('./pages/ProgrammePage.tsx'));
const MeetingPage = page(() => import('./pages/MeetingPage.tsx'));
const LibraryPage = page(() => import('./pages/LibraryPage.tsx'));
const CasePage = page(() => import('./pages/CasePage.tsx'));
const ConsolePage = page(() => import('./pages/ConsolePage.tsx'));
const ScreenPage = page(() => import('./pages/ScreenPage.tsx'));
const NotFoundPage = page(() => import('./pages/NotFoundPage.tsx'));
// The participant's pages use only the shell's texts.
const JoinPage = lazy(() => import('./pages/JoinPage.tsx'));
const JoinCodePage = lazy(() => import('./pages/JoinCodePage.tsx'));

/** The routes of the web client. */
export function App() {
  return (
    <Routes>
      <Route element={<SiteLayout />}>
        <Route index element={<HomePage />} />
        <Route path="programmes" element={<ProgrammesPage />} />
        <Route path="programmes/:id" element={<ProgrammePage />} />
        <Route path="meetings/:id" element={<MeetingPage />} />
        <Route path="library" element={<LibraryPage />} />
        <Route path="library/:id" element={<CasePage />} />
        <Route path="join" element={<JoinPage />} />
        <Route path="join/:code" element={<JoinCodePage />} />
        <Route path="console/:meetingId" element={<ConsolePage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
      {/* The presentation screen fills the projector: no site header or footer. */}
      <Route
        path="screen/:meetingId"
        element={
          <Suspense fallback={<Loading />}>
            <ScreenPage />
          </Suspense>
        }
      />
    </Routes>
  );
}
