import { Header, HeaderName, SkipToContent } from '@carbon/react';
import { usePath, navigate } from './router';
import { HomePage } from './home/HomePage';
import { FlowEditor } from './canvas/FlowEditor';
import { JobsPage } from './jobs/JobsPage';
import { LiveRegion } from './common/announcer';
import { useEffect, useRef } from 'react';
import { focusPageHeading, keepFocus } from './common/focusKeeper';
import { SignIn, useSignInNeeded } from './auth/SignIn';
import { SessionMenu } from './auth/SessionMenu';
import { useSessionStore } from './auth/permissions';

export function App() {
  const path = usePath();
  const flow = /^\/flows\/([^/]+)\/?$/.exec(path);
  useEffect(() => keepFocus(), []);
  useEffect(() => void useSessionStore.getState().load(), []);
  // a new page: its heading takes focus (not on the first load, where the browser starts at the top)
  const shown = useRef(path);
  useEffect(() => {
    if (shown.current === path) return;
    shown.current = path;
    focusPageHeading();
  }, [path]);
  const signInNeeded = useSignInNeeded();
  return (
    <>
      <Header aria-label="Eddy">
        <SkipToContent />
        <HeaderName
          href="/"
          prefix=""
          onClick={(e: React.MouseEvent) => {
            e.preventDefault();
            navigate('/');
          }}
        >
          Eddy <span className="eddy-brand__sub">event processing</span>
        </HeaderName>
        <SessionMenu />
      </Header>
      <main id="main-content" className="eddy-main">
        {signInNeeded ? (
          <SignIn />
        ) : flow ? (
          <FlowEditor key={flow[1]} flowId={decodeURIComponent(flow[1])} />
        ) : /^\/jobs\/?$/.test(path) ? (
          <JobsPage />
        ) : (
          <HomePage />
        )}
      </main>
      <LiveRegion />
    </>
  );
}
