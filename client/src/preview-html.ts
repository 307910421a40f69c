// The preview page's HTML: a strict Content-Security-Policy (scripts only with this page's nonce, styles only from
// the extension's own files, nothing else at all), no inline code, and nothing from the document: its text reaches
// the page as data in messages and is rendered with DOM APIs (textContent), never as markup.

export interface PageResources {
  /** `webview.cspSource`: the origin the extension's own files are served from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce: string;
}

export function contentSecurityPolicy({ cspSource, nonce }: Pick<PageResources, 'cspSource' | 'nonce'>): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function previewHtml(resources: PageResources): string {
  const attr = escapeAttribute;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(resources))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${attr(resources.styleUri)}">
<title>Postmortem timeline</title>
</head>
<body>
<main id="root"></main>
<script nonce="${attr(resources.nonce)}" src="${attr(resources.scriptUri)}"></script>
</body>
</html>
`;
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
