import '@fontsource/ibm-plex-sans-arabic/400.css';
import '@fontsource/ibm-plex-sans-arabic/600.css';
import './styles.css';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { loadConfig } from './auth.ts';
import { RegionBoundary } from './components/RegionBoundary.tsx';

const config = await loadConfig();
// The last resort: whatever fails outside the screen's own regions leaves a message, never a blank page.
createRoot(document.getElementById('root') as HTMLElement).render(
  <RegionBoundary region="app">
    <App config={config} />
  </RegionBoundary>,
);
