import { Header, HeaderName, SkipToContent } from '@carbon/react';
import { usePath, navigate } from './router';
import { HomePage } from './home/HomePage';
import { FlowEditor } from './canvas/FlowEditor';
import { JobsPage } from './jobs/JobsPage';
import { LiveRegion } from './common/announcer';

export function App() {
  const path = usePath();
  const flow = /^\/flows\/([^/]+)\/?$/.exec(path);
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
      </Header>
      <main id="main-content" className="eddy-main">
        {flow ? (
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
