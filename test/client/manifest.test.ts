// package.json as an extension manifest: activation, capabilities, commands, menus and settings agree with each
// other, with the client's code and with core (templates, rules, default files). settings.test.ts checks that the
// server reads the settings.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ruleRegistry } from '../../server/src/core';
import { builtInTemplates } from '../../server/src/core/template';
import { DEFAULT_POSTMORTEM_FILES } from '../../server/src/selection';

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const clientSource = readdirSync(path.join(ROOT, 'client/src'))
  .filter((file) => file.endsWith('.ts'))
  .map((file) => readFileSync(path.join(ROOT, 'client/src', file), 'utf8'))
  .join('\n');

interface Setting {
  type: string;
  default: unknown;
  description?: string;
  markdownDescription?: string;
  enum?: string[];
  properties?: Record<string, unknown>;
}
const settings: Record<string, Setting> = contributes.configuration.properties;

describe('extension manifest', () => {
  it('activates only where it is needed', () => {
    const events: string[] = manifest.activationEvents;
    assert.ok(!events.includes('*'), 'no "*" activation');
    assert.ok(!events.includes('onStartupFinished'));
    assert.deepEqual([...events].sort(), [
      'onLanguage:markdown',
      'onLanguage:plaintext',
      'onLanguage:postmortem',
      'onWebviewPanel:postmortem.timeline',
      'workspaceContains:**/.postmortem.yaml',
    ]);
    assert.equal(manifest.main, './dist/client.js');
  });

  it('declares workspace trust and virtual workspace support', () => {
    // Nothing from the workspace is executed: the server only reads text and YAML.
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces, { supported: true });
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, 'limited');
    assert.match(manifest.capabilities.virtualWorkspaces.description, /\.postmortem\.yaml/);
  });

  it('gives every command a title and a category, and registers each one in the client', () => {
    assert.ok(contributes.commands.length >= 6);
    for (const command of contributes.commands) {
      assert.match(command.command, /^postmortem\./);
      assert.ok(command.title, `${command.command} has a title`);
      assert.equal(command.category, 'Postmortem');
      assert.ok(clientSource.includes(`registerCommand('${command.command}'`), `${command.command} is registered in client/src`);
    }
    const registered = [...clientSource.matchAll(/registerCommand\('([^']+)'/g)].map((match) => match[1]);
    assert.deepEqual(registered.sort(), contributes.commands.map((command: { command: string }) => command.command).sort(), 'no command registered without a contribution');
    assert.ok(contributes.commands.some((command: { title: string; category: string }) => `${command.category}: ${command.title}` === 'Postmortem: New postmortem…'));
    assert.ok(contributes.commands.some((command: { title: string; category: string }) => `${command.category}: ${command.title}` === 'Postmortem: Open timeline preview'));
  });

  it('has menus that name contributed commands, and the preview button in the editor title', () => {
    const ids = new Set(contributes.commands.map((command: { command: string }) => command.command));
    for (const [menu, items] of Object.entries(contributes.menus) as [string, { command: string }[]][]) {
      for (const item of items) assert.ok(ids.has(item.command), `${menu}: ${item.command}`);
    }
    const button = contributes.menus['editor/title'].find((item: { command: string }) => item.command === 'postmortem.openTimelinePreview');
    assert.equal(button.group, 'navigation');
    assert.ok(contributes.commands.find((command: { command: string }) => command.command === 'postmortem.openTimelinePreview').icon);
  });

  it('documents every setting with a type, a default and a description', () => {
    assert.deepEqual(Object.keys(settings).sort(), ['postmortem.debounce', 'postmortem.files', 'postmortem.rules', 'postmortem.template', 'postmortem.trace.server']);
    for (const [key, setting] of Object.entries(settings)) {
      assert.ok(setting.type, `${key} has a type`);
      assert.ok('default' in setting, `${key} has a default`);
      assert.ok((setting.markdownDescription ?? setting.description ?? '').length > 20, `${key} has a description`);
    }
  });

  it('has the server\'s defaults and choices: templates, rules, files', () => {
    assert.deepEqual([...settings['postmortem.template'].enum!].sort(), builtInTemplates.map((template) => template.name).sort());
    assert.equal(settings['postmortem.template'].default, 'default');
    assert.equal(settings['postmortem.debounce'].default, 150);
    assert.deepEqual(settings['postmortem.files'].default, DEFAULT_POSTMORTEM_FILES);
    assert.deepEqual(Object.keys(settings['postmortem.rules'].properties!).sort(), ruleRegistry.map((rule) => rule.name).sort());
    assert.equal(settings['postmortem.trace.server'].default, 'off');
  });

  it('points at files that exist: language configuration, grammar, snippets, icon, schema', () => {
    const files = [
      ...contributes.languages.map((language: { configuration: string }) => language.configuration),
      ...contributes.grammars.map((grammar: { path: string }) => grammar.path),
      ...contributes.snippets.map((snippet: { path: string }) => snippet.path),
      ...(contributes.yamlValidation ?? []).map((validation: { url: string }) => validation.url),
      manifest.icon,
    ];
    for (const file of files) assert.ok(existsSync(path.join(ROOT, file)), file);
    assert.deepEqual(contributes.languages.map((language: { id: string }) => language.id), ['postmortem']);
    assert.deepEqual(contributes.snippets.map((snippet: { language: string }) => snippet.language).sort(), ['markdown', 'plaintext', 'postmortem']);
  });

  it('has an icon of 128×128 pixels', () => {
    const png = readFileSync(path.join(ROOT, manifest.icon));
    assert.equal(png.toString('ascii', 1, 4), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('targets a VS Code its API types and language client support', () => {
    const types = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@types/vscode/package.json'), 'utf8')).version;
    const client = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/vscode-languageclient/package.json'), 'utf8')).engines.vscode;
    assert.equal(manifest.engines.vscode, `^${types}`);
    assert.equal(manifest.engines.vscode, client);
  });
});
