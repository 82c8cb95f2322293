import '@fontsource/ibm-plex-sans-arabic/arabic-400.css';
import '@fontsource/ibm-plex-sans-arabic/arabic-600.css';
import '@fontsource/ibm-plex-sans-arabic/latin-400.css';
import '@fontsource/ibm-plex-sans-arabic/latin-600.css';
import '../../shared/base.css';
import './styles.css';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { enableWafIntegration, loadConfig } from './api.ts';

const config = await loadConfig();
await enableWafIntegration(config.wafIntegrationUrl);
createRoot(document.getElementById('root') as HTMLElement).render(<App config={config} />);

// Installable and usable offline: the service worker keeps the app shell (public/sw.js).
// After the first screen (the config fetch above may end after the load event has fired).
if ('serviceWorker' in navigator) {
  const register = () => navigator.serviceWorker.register('/sw.js').catch(() => {});
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', register);
}
