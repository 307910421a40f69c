// "New postmortem…": a template (QuickPick), a title (InputBox), then an untitled document filled with that
// template's snippet. The snippets are core's renderSkeleton output (what `postmortem init` writes), generated into
// snippets/postmortem.json by scripts/snippets.ts and bundled, so the client needs neither the YAML templates nor
// a request to the server.
import * as vscode from 'vscode';
import snippets from '../../snippets/postmortem.json';
import { escapeSnippet, TEMPLATE_PREFIX, TITLE_TAB_STOP } from './snippet-names';

interface TemplateItem extends vscode.QuickPickItem {
  body: string;
}

function templateItems(configured: string): TemplateItem[] {
  const items = Object.values(snippets).flatMap((snippet) => {
    const prefix = snippet.prefix.find((candidate) => candidate.startsWith(TEMPLATE_PREFIX));
    if (!prefix) return [];
    const name = prefix.slice(TEMPLATE_PREFIX.length);
    return [{ label: name, description: name === configured ? 'postmortem.template' : undefined, detail: snippet.description, body: snippet.body.join('\n') }];
  });
  // The configured template first: it is what the document will be checked against.
  return items.sort((a, b) => Number(b.label === configured) - Number(a.label === configured));
}

/**
 * Arguments for scripted use (keybindings, tests): a given template or title skips its QuickPick or InputBox. The
 * command palette passes none.
 */
export interface NewPostmortemArgs {
  template?: string;
  title?: string;
}

export async function newPostmortem(args?: NewPostmortemArgs): Promise<void> {
  const given = typeof args === 'object' && args !== null && !(args instanceof vscode.Uri) ? args : {};
  const configured = vscode.workspace.getConfiguration('postmortem').get<string>('template', 'default');
  const items = templateItems(configured);
  const template = typeof given.template === 'string'
    ? items.find((item) => item.label === given.template)
    : await vscode.window.showQuickPick(items, {
      title: 'New postmortem (1/2): template',
      placeHolder: 'The template the postmortem follows',
      matchOnDetail: true,
    });
  if (!template) {
    if (typeof given.template === 'string') void vscode.window.showErrorMessage(`No built-in template is named "${given.template}".`);
    return;
  }
  const title = typeof given.title === 'string' && given.title.trim() ? given.title : await vscode.window.showInputBox({
    title: 'New postmortem (2/2): title',
    prompt: 'What happened, in a few words',
    placeHolder: 'Checkout errors after a configuration rollout',
    validateInput: (value) => (value.trim() ? undefined : 'The title cannot be empty.'),
  });
  if (title === undefined) return;
  const document = await vscode.workspace.openTextDocument(await untitledUri(title.trim()));
  const editor = await vscode.window.showTextDocument(document);
  const body = template.body.split(TITLE_TAB_STOP).join(`\${1:${escapeSnippet(title.trim())}}`);
  await editor.insertSnippet(new vscode.SnippetString(body), new vscode.Position(0, 0));
}

/**
 * `postmortem-<date>-<slug>.md` in the first workspace folder (as `postmortem init` names files): the default
 * `files:` globs match that name, so the server checks the document before it is saved.
 */
async function untitledUri(title: string): Promise<vscode.Uri> {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const slug = title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  for (let n = 1; ; n++) {
    const name = `postmortem-${date}${slug ? `-${slug}` : ''}${n > 1 ? `-${n}` : ''}.md`;
    const file = folder ? vscode.Uri.joinPath(folder, name) : undefined;
    const uri = file ? file.with({ scheme: 'untitled' }) : vscode.Uri.from({ scheme: 'untitled', path: name });
    const open = vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString());
    if (!open && !(file && (await exists(file)))) return uri;
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
