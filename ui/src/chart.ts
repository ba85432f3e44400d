/** A small SVG line chart of recent values; drawn with DOM calls only (no markup strings). */
const SVG = 'http://www.w3.org/2000/svg';

export interface Point {
  readonly t: number;
  readonly v: number;
}

export function lagChart(points: readonly Point[], windowMs: number, label: string): SVGSVGElement {
  const width = 320;
  const height = 80;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const title = document.createElementNS(SVG, 'title');
  title.textContent = label;
  svg.appendChild(title);
  const axis = document.createElementNS(SVG, 'line');
  for (const [k, v] of [
    ['x1', '0'],
    ['y1', String(height - 1)],
    ['x2', String(width)],
    ['y2', String(height - 1)],
  ] as const)
    axis.setAttribute(k, v);
  axis.setAttribute('class', 'axis');
  svg.appendChild(axis);
  if (points.length === 0) return svg;
  const now = points[points.length - 1]?.t ?? Date.now();
  const max = Math.max(1, ...points.map((p) => p.v));
  const coords = points.map((p) => {
    const x = width - ((now - p.t) / windowMs) * width;
    const y = height - 2 - (p.v / max) * (height - 8);
    return `${Math.max(0, x).toFixed(1)},${y.toFixed(1)}`;
  });
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', coords.join(' '));
  line.setAttribute('class', 'line');
  svg.appendChild(line);
  const top = document.createElementNS(SVG, 'text');
  top.setAttribute('x', '4');
  top.setAttribute('y', '12');
  top.setAttribute('class', 'chart-label');
  top.textContent = `max ${max}`;
  svg.appendChild(top);
  return svg;
}
