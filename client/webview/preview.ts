// The preview page: a header (title, metrics, milestones, zone, export buttons) and the chart. Built once, then
// patched: updates change text and redraw into the same SVG, so nothing flickers and the scroll position stays.
import type { Metrics, MilestoneKind, TimelineData } from '../../server/src/core/types';
import { MILESTONE_KINDS, MILESTONE_LABEL, renderChart } from './chart';
import { exportSvg } from './export';
import { createClock, formatDuration, isSelectableZone, knownZones, localZone, type Clock } from './format';
import type { Measure } from './layout';
import type { HostMessage, PageMessage, PageState } from './messages';

export interface Host {
  post(message: PageMessage): void;
  getState(): PageState | undefined;
  setState(state: PageState): void;
}

export interface RenderOptions {
  uri?: string;
  fileName?: string;
}

const METRICS: readonly [keyof Metrics, string][] = [
  ['timeToDetect', 'Time to detect'],
  ['timeToMitigate', 'Time to mitigate'],
  ['timeToResolve', 'Time to resolve'],
  ['impactDuration', 'Impact duration'],
];

function element<K extends keyof HTMLElementTagNameMap>(name: K, className?: string, content?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (content !== undefined) node.textContent = content;
  return node;
}

/** Text widths in the chart's fonts, from a canvas; the fonts follow the page's (the editor's) font family. */
function canvasMeasure(reference: Element): Measure {
  const context = document.createElement('canvas').getContext('2d');
  const family = getComputedStyle(reference).fontFamily || 'sans-serif';
  const fonts = { time: `600 13px ${family}`, text: `13px ${family}`, note: `12px ${family}`, pill: `600 11px ${family}` };
  const cache = new Map<string, number>();
  return (text, font) => {
    const key = `${font}\u0000${text}`;
    let width = cache.get(key);
    if (width === undefined) {
      if (context) {
        context.font = fonts[font];
        width = context.measureText(text).width;
      } else {
        width = text.length * 7.2;
      }
      cache.set(key, width);
    }
    return width;
  };
}

export function createPreview(root: HTMLElement, host?: Host) {
  const state: PageState = { ...host?.getState() };
  const header = element('header', 'pm-header');
  const title = element('h1', 'pm-title');
  const subtitle = element('p', 'pm-subtitle');
  const metrics = element('dl', 'pm-metrics');
  const metricValues = new Map<keyof Metrics, HTMLElement>();
  for (const [key, label] of METRICS) {
    const item = element('div', 'pm-metric');
    item.dataset.metric = key;
    const value = element('dd', 'pm-metric-value', '—');
    item.append(element('dt', 'pm-metric-label', label), value);
    metricValues.set(key, value);
    metrics.append(item);
  }
  const milestones = element('ul', 'pm-milestones');
  milestones.setAttribute('aria-label', 'Milestones');
  const toolbar = element('div', 'pm-toolbar');
  const zoneLabel = element('label', 'pm-zone-label', 'Times in ');
  const zoneSelect = element('select', 'pm-zone');
  zoneLabel.append(zoneSelect);
  const copyButton = element('button', 'pm-button', 'Copy as Mermaid');
  copyButton.type = 'button';
  copyButton.dataset.action = 'copyMermaid';
  const saveButton = element('button', 'pm-button', 'Save as SVG');
  saveButton.type = 'button';
  saveButton.dataset.action = 'saveSvg';
  toolbar.append(zoneLabel, copyButton, saveButton);
  header.append(title, subtitle, metrics, milestones, toolbar);
  const empty = element('p', 'pm-empty');
  empty.hidden = true;
  const chart = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  chart.setAttribute('class', 'pm-chart');
  chart.setAttribute('role', 'group');
  chart.setAttribute('aria-label', 'Timeline');
  const figure = element('section', 'pm-figure');
  figure.append(chart);
  root.replaceChildren(header, empty, figure);

  let current: { data: TimelineData | null; options: RenderOptions } | undefined;
  let zoneKey = '';
  const measure = canvasMeasure(chart);

  function post(message: PageMessage): void {
    host?.post(message);
  }

  function saveState(patch: Partial<PageState>): void {
    Object.assign(state, patch);
    host?.setState({ ...state });
  }

  function clockFor(zone: string | undefined): Clock {
    return (zone && createClock(zone)) || createClock('UTC')!;
  }

  /** UTC, the viewer's zone, the document's zones this browser knows, then every zone. */
  function updateZones(data: TimelineData | null, selected: string): void {
    const local = localZone();
    const fromDocument = [data?.declaredZone, ...(data?.entries.map((entry) => entry.zone) ?? [])]
      .filter((zone): zone is string => !!zone && zone !== 'UTC' && isSelectableZone(zone));
    const first = [...new Set(['UTC', ...(local !== 'UTC' ? [local] : []), ...fromDocument, ...(selected !== 'UTC' ? [selected] : [])])];
    const key = first.join('|');
    if (key !== zoneKey) {
      zoneKey = key;
      const options = first.map((zone) => {
        const option = element('option', undefined, zone === local && zone !== 'UTC' ? `${zone} (local)` : zone);
        option.value = zone;
        return option;
      });
      const all = element('optgroup');
      all.label = 'All zones';
      for (const zone of knownZones()) {
        if (first.includes(zone)) continue;
        const option = element('option', undefined, zone);
        option.value = zone;
        all.append(option);
      }
      zoneSelect.replaceChildren(...options, all);
    }
    zoneSelect.value = selected;
  }

  function render(data: TimelineData | null, options: RenderOptions = {}): void {
    const sameDocument = current?.options.uri === options.uri;
    current = { data, options };
    const zone = state.zone && createClock(state.zone) ? state.zone : 'UTC';
    const clock = clockFor(zone);
    updateZones(data, zone);
    title.textContent = data?.title || options.fileName || 'Timeline';
    const notes = [options.fileName, `times in ${zone === 'UTC' ? 'UTC' : zone}`, data?.declaredZone ? `document declares ${data.declaredZone}` : '', data?.order === 'descending' ? 'written newest first' : ''];
    subtitle.textContent = notes.filter(Boolean).join(' · ');
    for (const [key] of METRICS) {
      const value = data?.metrics[key];
      metricValues.get(key)!.textContent = value === undefined ? '—' : formatDuration(value);
    }
    renderMilestones(data, clock);
    copyButton.disabled = saveButton.disabled = !data || data.entries.length === 0;

    if (!data || data.entries.length === 0) {
      empty.hidden = false;
      empty.textContent = !data
        ? 'No timeline for this document: the language server has not seen it (only Markdown and plain-text files are read).'
        : 'No timeline entries yet. An entry is a line with a timestamp under a Timeline heading, like "- [2024-05-12 14:38 UTC] Alert fired".';
      chart.replaceChildren();
      chart.setAttribute('height', '0');
    } else {
      empty.hidden = true;
      renderChart(chart, data, { clock, width: Math.max(360, figure.clientWidth || root.clientWidth || 720), measure });
    }
    if (options.uri !== undefined && !sameDocument) {
      // Another document: start at its top, unless this is the same document the page showed before a reload.
      const restore = state.uri === options.uri ? state.scrollY ?? 0 : 0;
      window.scrollTo(0, restore);
      saveState({ uri: options.uri, scrollY: restore });
    }
  }

  function renderMilestones(data: TimelineData | null, clock: Clock): void {
    const items = MILESTONE_KINDS.flatMap((kind: MilestoneKind) => {
      const milestone = data?.milestones[kind];
      if (!milestone) return [];
      const at = Date.parse(milestone.utc);
      const item = element('li', `pm-milestone pm-kind-${kind}`);
      item.dataset.line = String(milestone.line);
      item.tabIndex = 0;
      item.setAttribute('role', 'button');
      item.title = `${MILESTONE_LABEL[kind]}: ${milestone.source} (line ${milestone.line + 1})`;
      item.append(element('span', 'pm-milestone-swatch'), element('span', 'pm-milestone-label', MILESTONE_LABEL[kind]), element('span', 'pm-milestone-time', `${clock.time(at)} ${clock.abbreviation(at)}`));
      return [item];
    });
    milestones.replaceChildren(...items);
    milestones.hidden = items.length === 0;
  }

  function rerender(): void {
    if (current) render(current.data, current.options);
  }

  function exportCurrent(): string {
    const data = current?.data;
    const lines = [
      subtitle.textContent ?? '',
      METRICS.map(([key, label]) => `${label}: ${data?.metrics[key] === undefined ? '—' : formatDuration(data.metrics[key]!)}`).join(' · '),
    ];
    return exportSvg(chart, { title: title.textContent ?? 'Timeline', lines });
  }

  function receive(message: HostMessage): void {
    if (message.type === 'timeline') render(message.data, { uri: message.uri, fileName: message.fileName });
    else if (message.type === 'exportSvg') post({ type: 'svg', svg: exportCurrent() });
  }

  const reveal = (target: EventTarget | null) => {
    const line = (target as Element | null)?.closest?.('[data-line]')?.getAttribute('data-line');
    if (line !== null && line !== undefined) post({ type: 'reveal', line: Number(line) });
  };
  root.addEventListener('click', (event) => {
    const action = (event.target as Element).closest?.('[data-action]')?.getAttribute('data-action');
    if (action === 'copyMermaid' || action === 'saveSvg') post({ type: action });
    else reveal(event.target);
  });
  root.addEventListener('keydown', (event) => {
    if ((event.key === 'Enter' || event.key === ' ') && (event.target as Element).closest?.('[data-line]')) {
      event.preventDefault();
      reveal(event.target);
    }
  });
  zoneSelect.addEventListener('change', () => {
    saveState({ zone: zoneSelect.value });
    rerender();
  });
  let frame = 0;
  let lastWidth = 0;
  new ResizeObserver(() => {
    if (figure.clientWidth === lastWidth) return;
    lastWidth = figure.clientWidth;
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(rerender);
  }).observe(figure);
  let scrollTimer: ReturnType<typeof setTimeout> | undefined;
  window.addEventListener('scroll', () => {
    clearTimeout(scrollTimer);
    scrollTimer = setTimeout(() => saveState({ scrollY: window.scrollY }), 100);
  }, { passive: true });

  return { render, receive, exportSvg: exportCurrent };
}

export type Preview = ReturnType<typeof createPreview>;
