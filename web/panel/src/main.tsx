import '@fontsource/ibm-plex-sans-arabic/400.css';
import '@fontsource/ibm-plex-sans-arabic/600.css';
import '../../shared/base.css';
import './styles.css';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { loadConfig } from './auth.ts';

const config = await loadConfig();
createRoot(document.getElementById('root') as HTMLElement).render(<App config={config} />);
