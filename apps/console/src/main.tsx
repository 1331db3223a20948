import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Console } from './Console';
// The font is served with the console (each unicode-range slice fetched from /console/assets only
// when a page uses its characters): a counter PC without Chinese fonts, or offline, shows the same text.
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/600.css';
import './shell.css';
import './print.css';

// No antd here: the first screen (the search) is React and the console's own few styles; the
// other screens bring antd with them (Console.tsx).
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Console />
  </StrictMode>,
);
