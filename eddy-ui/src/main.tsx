import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FeatureFlags } from '@carbon/react';
import '@xyflow/react/dist/base.css';
import './styles.scss';
import { App } from './App';

// Dialogs keep Tab inside them by handling the key itself: Carbon's default, focus "sentinels" at the
// dialog's edges moved back after a timer, sometimes left focus on a sentinel outside the dialog
// (e2e/keyboard-tab.mjs caught it in Chromium).
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FeatureFlags enableFocusWrapWithoutSentinels>
      <App />
    </FeatureFlags>
  </StrictMode>,
);
