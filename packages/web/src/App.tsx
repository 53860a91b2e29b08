import { lazy, Suspense, type ComponentType } from 'react';
import { Redirect, Route, Switch } from 'wouter';
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
// A programme manager starts a programme (its form uses account.css, like the other staff pages).
const NewProgrammePage = page(() => import('./programme/NewProgrammePage.tsx'));
const MeetingPage = page(() => import('./pages/MeetingPage.tsx'));
const LibraryPage = page(() => import('./pages/LibraryPage.tsx'));
const CasePage = page(() => import('./pages/CasePage.tsx'));
// Putting a case forward and reviewing cases (library.css with them); the participant's form is its own chunk, off the phone's first load.
const SubmitCasePage = page(() => import('./library/SubmitCasePage.tsx'));
const ReviewPage = page(() => import('./library/ReviewPage.tsx'));
const EditCasePage = page(() => import('./library/EditCasePage.tsx'));
const ParticipantCasePage = page(() => import('./library/ParticipantCasePage.tsx'));
const ConsolePage = page(() => import('./pages/ConsolePage.tsx'));
const ScreenPage = page(() => import('./pages/ScreenPage.tsx'));
// The rapporteur's editor: its own chunk with its own styles (report.css), never on a phone's first load.
const ReportPage = page(() => import('./report/ReportPage.tsx'));
const NotFoundPage = page(() => import('./pages/NotFoundPage.tsx'));
// The accessibility statement, linked from every page's footer.
const AccessibilityPage = page(() => import('./pages/AccessibilityPage.tsx'));
// Staff accounts: signing in, the invitation, the account, the admin's accounts, preparing a meeting (account.css with them).
const LoginPage = page(() => import('./account/LoginPage.tsx'));
const InvitationPage = page(() => import('./account/InvitationPage.tsx'));
const AccountPage = page(() => import('./account/AccountPage.tsx'));
const AdminAccountsPage = page(() => import('./account/AdminAccountsPage.tsx'));
const NewMeetingPage = page(() => import('./account/NewMeetingPage.tsx'));
// The participant's pages use only the shell's texts (catalogue-shell.json).
const JoinPage = lazy(() => import('./pages/JoinPage.tsx'));
const ParticipantPage = lazy(() => import('./pages/ParticipantPage.tsx'));

/** The routes of the web client. */
export function App() {
  return (
    <Switch>
      {/* The presentation screen fills the projector: no site header or footer. */}
      <Route path="/screen/:meetingId">
        <Suspense fallback={<Loading />}>
          <ScreenPage />
        </Suspense>
      </Route>
      <Route>
        <SiteLayout>
          <Switch>
            <Route path="/">
              <HomePage />
            </Route>
            <Route path="/programmes">
              <ProgrammesPage />
            </Route>
            {/* Before /programmes/:id, which would take "new" for a programme's id. */}
            <Route path="/programmes/new">
              <NewProgrammePage />
            </Route>
            <Route path="/programmes/:id">
              <ProgrammePage />
            </Route>
            {/* Before /meetings/:id, which would take "new" for a meeting's id. */}
            <Route path="/meetings/new">
              <NewMeetingPage />
            </Route>
            <Route path="/meetings/:id">
              <MeetingPage />
            </Route>
            <Route path="/library">
              <LibraryPage />
            </Route>
            {/* Before /library/:id, which would take "new" or "review" for a case's id. */}
            <Route path="/library/new">
              <SubmitCasePage />
            </Route>
            <Route path="/library/review">
              <ReviewPage />
            </Route>
            <Route path="/library/:id/edit">
              <EditCasePage />
            </Route>
            <Route path="/library/:id">
              <CasePage />
            </Route>
            <Route path="/join">
              <JoinPage />
            </Route>
            <Route path="/join/:code">
              <JoinPage />
            </Route>
            <Route path="/j/:token">
              <JoinPage />
            </Route>
            <Route path="/m/:meetingId/casus">
              <ParticipantCasePage />
            </Route>
            <Route path="/m/:meetingId">
              <ParticipantPage />
            </Route>
            <Route path="/console/:meetingId">
              <ConsolePage />
            </Route>
            <Route path="/report/:meetingId">
              <ReportPage />
            </Route>
            <Route path="/login">
              <LoginPage />
            </Route>
            <Route path="/invitation">
              <InvitationPage />
            </Route>
            <Route path="/account">
              <AccountPage />
            </Route>
            <Route path="/admin/accounts">
              <AdminAccountsPage />
            </Route>
            <Route path="/toegankelijkheid">
              <AccessibilityPage />
            </Route>
            {/* The English address leads to the one statement page (its address stays the Dutch one). */}
            <Route path="/accessibility">
              <Redirect to="/toegankelijkheid" replace />
            </Route>
            <Route>
              <NotFoundPage />
            </Route>
          </Switch>
        </SiteLayout>
      </Route>
    </Switch>
  );
}
