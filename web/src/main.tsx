import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './i18n/i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, startLoading } from './app/App';
import { session } from './api/session';

session.resume();
// Rendered once the page's modules and the first language's common strings are there (or
// could not be: it then says so itself); startLoading awaits i18nReady: no English flash.
void startLoading()
  .catch(() => undefined)
  .then(() =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
