// The preview page's entry (dist/webview.js). In VS Code it talks to the panel through acquireVsCodeApi; opened
// on its own (tests, a browser) `window.postmortemPreview.render(data)` draws any timeline data.
import './preview.css';
import type { PageMessage, PageState } from './messages';
import { createPreview, type Preview } from './preview';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): PageState | undefined;
  setState(state: PageState): void;
}

declare global {
  function acquireVsCodeApi(): VsCodeApi;
  interface Window {
    postmortemPreview: Preview;
  }
}

const api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
const preview = createPreview(document.getElementById('root') ?? document.body, api && {
  post: (message) => api.postMessage(message),
  getState: () => api.getState(),
  setState: (state) => api.setState(state),
});
window.postmortemPreview = preview;
window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as { type?: unknown } | null;
  if (message && (message.type === 'timeline' || message.type === 'exportSvg')) preview.receive(event.data);
});
api?.postMessage({ type: 'ready' });
