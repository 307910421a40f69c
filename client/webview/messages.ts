// Messages between the preview panel (client/src/preview.ts) and its page (client/webview/). Types only.
import type { TimelineData } from '../../server/src/core/types';

export type HostMessage =
  /** The document's timeline; `data` null when the server has none for it. */
  | { type: 'timeline'; uri: string; fileName: string; data: TimelineData | null }
  /** The page answers with a `svg` message. */
  | { type: 'exportSvg' };

export type PageMessage =
  | { type: 'ready' }
  | { type: 'reveal'; line: number }
  | { type: 'copyMermaid' }
  | { type: 'saveSvg' }
  | { type: 'svg'; svg: string };

/** What the page keeps across reloads (`vscode.setState`), and the panel serializer restores from. */
export interface PageState {
  uri?: string;
  zone?: string;
  scrollY?: number;
}
