// "Save as SVG": the drawing as a standalone file. The page styles the SVG with theme variables, which mean
// nothing outside VS Code, so each element's computed paint and font are written out as attributes; a header
// with the title and metrics goes on top, and the theme's background behind.

const SVG = 'http://www.w3.org/2000/svg';
const PROPERTIES = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style'] as const;
const HEADER_LINE = 20;

export interface ExportHeader {
  title: string;
  lines: string[];
}

export function exportSvg(source: SVGSVGElement, header: ExportHeader): string {
  const width = Number(source.getAttribute('width')) || source.getBoundingClientRect().width;
  const chartHeight = Number(source.getAttribute('height')) || source.getBoundingClientRect().height;
  const headerHeight = 24 + HEADER_LINE * (1 + header.lines.length);
  const height = chartHeight + headerHeight;
  const page = getComputedStyle(document.body);

  const clone = source.cloneNode(true) as SVGSVGElement;
  const originals = source.querySelectorAll('*');
  const copies = clone.querySelectorAll('*');
  originals.forEach((original, i) => {
    const copy = copies[i];
    const style = getComputedStyle(original);
    if (style.display === 'none') {
      copy.remove();
      return;
    }
    for (const property of PROPERTIES) {
      const value = style.getPropertyValue(property);
      if (value) copy.setAttribute(property, value);
    }
    for (const attribute of ['class', 'tabindex', 'role', 'data-line', 'aria-label']) copy.removeAttribute(attribute);
  });

  const out = document.createElementNS(SVG, 'svg');
  out.setAttribute('xmlns', SVG);
  out.setAttribute('width', String(width));
  out.setAttribute('height', String(height));
  out.setAttribute('viewBox', `0 0 ${width} ${height}`);
  out.setAttribute('font-family', page.fontFamily);
  const background = document.createElementNS(SVG, 'rect');
  for (const [key, value] of Object.entries({ width: '100%', height: '100%', fill: page.backgroundColor || '#ffffff' })) background.setAttribute(key, value);
  out.append(background);

  const heading = document.createElementNS(SVG, 'g');
  heading.setAttribute('fill', page.color);
  const lines = [{ text: header.title, size: 18, weight: '600' }, ...header.lines.map((line) => ({ text: line, size: 13, weight: '400' }))];
  lines.forEach((line, i) => {
    const element = document.createElementNS(SVG, 'text');
    element.setAttribute('x', '16');
    element.setAttribute('y', String(28 + i * HEADER_LINE + (i ? 6 : 0)));
    element.setAttribute('font-size', String(line.size));
    element.setAttribute('font-weight', line.weight);
    element.textContent = line.text;
    heading.append(element);
  });
  out.append(heading);

  const chart = document.createElementNS(SVG, 'g');
  chart.setAttribute('transform', `translate(0 ${headerHeight})`);
  chart.append(...Array.from(clone.childNodes));
  out.append(chart);
  return new XMLSerializer().serializeToString(out);
}
