// <oppsuite-funnel>: the stage funnel of a sales process, for a CRM home page to host.
//
//   <script type="module" src="https://analytics.example/funnel-chart.js"></script>
//   <oppsuite-funnel process-name="Standard" from="2026-01-01" to="2026-03-31"></oppsuite-funnel>
//   document.querySelector('oppsuite-funnel').token = session.accessToken;
//
// The host hands over the bearer token as a property: it is never an attribute, never in a URL and
// never shown. Attributes: process-name (picked by name; default the first process), from / to (ISO
// dates, the creation date range; the chart's own date inputs change them), api-base (default: where
// this script came from). In-progress stages form the funnel, ending in Won; what leaked to Lost or
// Invalid is drawn beside the stage it leaked from. Each stage shows its deals, forecast amount (amount ×
// win rate as at entry) and the conversion to the next stage (next stage's deals / this stage's deals).
// Numbers drawn are also on data-* attributes, for checks.

const SVG = 'http://www.w3.org/2000/svg';
const SCRIPT_ORIGIN = new URL(import.meta.url).origin;
const MONEY = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const PERCENT = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

const deals = n => n === 1 ? '1 deal' : MONEY.format(n).replace(/\.00$/, '') + ' deals';
// An amount with its currency: the corporate currency when the report has one, else the one currency of the amounts. When
// the single total is null (currencies that do not convert, or mix without a corporate currency), each currency's amount.
function money(total, byCurrency, corporate) {
  const list = byCurrency || [];
  if (total !== null && total !== undefined) {
    const unit = corporate || (list.length === 1 ? list[0].currency : '');
    return MONEY.format(total) + (unit ? ' ' + unit : '');
  }
  return list.map(c => MONEY.format(c.amount) + ' ' + c.currency).join(' + ');
}
const isOutcome = s => s.type === 'WON' || s.type === 'LOST' || s.type === 'INVALID';

function el(name, attrs, text) {
  const e = document.createElementNS(SVG, name);
  Object.entries(attrs).forEach(([k, v]) => e.setAttribute(k, v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Shortens a text element with an ellipsis until it fits maxWidth; the full text stays as its tooltip. */
function fit(text, maxWidth) {
  const full = text.textContent;
  if (text.getComputedTextLength() > maxWidth) {
    text.appendChild(el('title', {}, full));
    let keep = full.length;
    while (keep > 1 && text.getComputedTextLength() > maxWidth) {
      keep--;
      text.firstChild.nodeValue = full.slice(0, keep).trimEnd() + '…';
    }
  }
  return text;
}

const STYLE = `
oppsuite-funnel { display: block; font-family: system-ui, sans-serif; color: #1f2937; }
oppsuite-funnel .osf-bar { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: center; margin-bottom: 8px; font-size: 13px; }
oppsuite-funnel .osf-bar label { display: flex; gap: 4px; align-items: center; }
oppsuite-funnel .osf-title { font-weight: 600; font-size: 15px; margin: 4px 0; }
oppsuite-funnel .osf-status { color: #b91c1c; font-size: 13px; min-height: 1em; }
oppsuite-funnel svg { display: block; width: 100%; overflow: hidden; }
`;

class OppsuiteFunnel extends HTMLElement {
  static get observedAttributes() { return ['process-name', 'from', 'to', 'api-base']; }

  #token = null;
  #processes = [];
  #report = null;
  #loading = 0;

  /** The bearer token, from the host; write-only. */
  set token(value) { this.#token = value || null; this.#reload(); }
  get token() { return undefined; }

  connectedCallback() {
    if (!this.querySelector('.osf-bar')) {
      if (!document.getElementById('oppsuite-funnel-style')) {
        const style = document.createElement('style');
        style.id = 'oppsuite-funnel-style';
        style.textContent = STYLE;
        document.head.appendChild(style);
      }
      this.innerHTML = `<div class="osf-bar">
          <label>Process <select class="osf-process" aria-label="sales process"></select></label>
          <label>Created from <input type="date" class="osf-from"></label>
          <label>to <input type="date" class="osf-to"></label></div>
        <div class="osf-title"></div><div class="osf-status" role="status"></div>
        <svg xmlns="${SVG}" role="img" aria-label="stage funnel"></svg>`;
      this.querySelector('.osf-process').addEventListener('change', () => this.#load());
      ['from', 'to'].forEach(k => this.querySelector('.osf-' + k).addEventListener('change', () => this.#load()));
      new ResizeObserver(() => this.#draw()).observe(this);
    }
    this.#syncInputs();
    this.#reload();
  }

  attributeChangedCallback() {
    if (this.isConnected && this.querySelector('.osf-bar')) {
      this.#syncInputs();
      this.#reload();
    }
  }

  #syncInputs() {
    ['from', 'to'].forEach(k => { this.querySelector('.osf-' + k).value = this.getAttribute(k) || ''; });
  }

  get #api() { return (this.getAttribute('api-base') || SCRIPT_ORIGIN).replace(/\/$/, ''); }

  async #get(path) {
    const res = await fetch(this.#api + path, { headers: { Authorization: 'Bearer ' + this.#token } });
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.detail || body.title || 'HTTP ' + res.status);
    return body;
  }

  async #reload() {
    if (!this.#token || !this.isConnected || !this.querySelector('.osf-bar')) return;
    try {
      this.#processes = await this.#get('/analytics/sales-processes');
    } catch (e) {
      return this.#fail(e);
    }
    const select = this.querySelector('.osf-process');
    select.replaceChildren(...this.#processes.map(p => new Option(p.name || '(unnamed process)', p.id)));
    const wanted = this.getAttribute('process-name');
    const chosen = this.#processes.find(p => p.name === wanted) || this.#processes[0];
    if (!chosen) return this.#fail(new Error('no sales process to show'));
    select.value = chosen.id;
    this.#load();
  }

  async #load() {
    const process = this.querySelector('.osf-process').value;
    if (!process || !this.#token) return;
    const q = new URLSearchParams();
    ['from', 'to'].forEach(k => { const v = this.querySelector('.osf-' + k).value; if (v) q.set(k, v); });
    this.setAttribute('data-range', (q.get('from') || '') + '/' + (q.get('to') || ''));
    const ticket = ++this.#loading;
    try {
      const report = await this.#get('/analytics/sales-processes/' + encodeURIComponent(process) + '/stage-transitions?' + q);
      if (ticket !== this.#loading) return; // a newer choice is on its way
      this.#report = report;
      this.querySelector('.osf-status').textContent = '';
      this.removeAttribute('data-error');
      this.#draw();
    } catch (e) {
      this.#fail(e);
    }
  }

  #fail(e) {
    this.querySelector('.osf-status').textContent = 'Could not load the funnel: ' + e.message;
    this.setAttribute('data-error', e.message);
  }

  #draw() {
    const report = this.#report;
    const svg = this.querySelector('svg');
    if (!report || !svg) return;
    const W = Math.max(280, Math.round(this.clientWidth || 800));
    const narrow = W < 640;
    const funnel = report.stages.filter(s => !isOutcome(s) || s.type === 'WON');
    const leakedTo = report.stages.filter(s => s.type === 'LOST' || s.type === 'INVALID');
    this.querySelector('.osf-title').textContent = (report.name || 'Sales process') + ': ' + deals(funnel.length ? funnel[0].totalOpportunities : 0)
      + ' entered, ' + deals(report.wonCount) + ' won' + (report.averageDealSize !== null && report.averageDealSize !== undefined
        ? ', average won deal ' + money(report.averageDealSize, (report.wonAmountsByCurrency || []).map(c => ({ currency: c.currency })),
          report.corporateCurrency) : '');

    // columns: labels | funnel | leaks (wide); stacked label over band over leak (narrow)
    const labelW = narrow ? W - 16 : Math.round(W * 0.24);
    const funnelX = narrow ? 8 : labelW + 12;
    const funnelW = narrow ? W - 16 : Math.round(W * 0.46);
    const leakX = narrow ? 8 : funnelX + funnelW + 16;
    const leakW = narrow ? W - 16 : W - leakX - 8;
    const rowH = narrow ? 96 : 72;
    const bandH = narrow ? 34 : 44;
    const bandTop = narrow ? 38 : 10;
    const max = Math.max(1, ...funnel.map(s => s.totalOpportunities));
    const widthOf = s => Math.max(8, funnelW * s.totalOpportunities / max);
    const centre = funnelX + funnelW / 2;

    svg.replaceChildren();
    svg.setAttribute('viewBox', `0 0 ${W} ${funnel.length * rowH + 40}`);
    svg.setAttribute('height', funnel.length * rowH + 40);
    funnel.forEach((s, i) => {
      const y = i * rowH;
      const w = widthOf(s);
      const next = funnel[i + 1];
      const wBottom = next ? Math.min(w, widthOf(next)) : w;
      const toNext = next && s.totalOpportunities > 0 ? next.totalOpportunities * 100 / s.totalOpportunities : null;
      const g = el('g', { 'class': 'stage', 'data-stage-key': s.key, 'data-total': s.totalOpportunities,
        'data-amount': s.totalAmount === null ? '' : s.totalAmount, 'data-lost': s.lost === null ? '' : s.lost,
        'data-conversion-to-next': toNext === null ? '' : toNext.toFixed(1) });
      const top = y + bandTop;
      g.appendChild(el('polygon', {
        points: [[centre - w / 2, top], [centre + w / 2, top], [centre + wBottom / 2, top + bandH], [centre - wBottom / 2, top + bandH]]
          .map(p => p.map(n => n.toFixed(1)).join(',')).join(' '),
        fill: s.type === 'WON' ? '#86efac' : '#93c5fd', stroke: '#475569', 'stroke-width': 0.5 }));
      // label and forecast: the left column (wide) or the line above the band (narrow)
      const labelY = narrow ? y + 16 : top + 18;
      const label = el('text', { 'class': 'stage-label', x: narrow ? 8 : labelW, y: labelY, 'text-anchor': narrow ? 'start' : 'end',
        'font-weight': 600, 'font-size': 14 }, s.label || s.key);
      g.appendChild(label);
      const amount = el('text', { 'class': 'stage-amount', x: narrow ? W - 8 : labelW, y: narrow ? labelY : labelY + 18,
        'text-anchor': 'end', 'font-size': 12, fill: '#475569' }, 'forecast ' + money(s.totalAmount, s.amountsByCurrency, report.corporateCurrency));
      g.appendChild(amount);
      // deals: inside the band when it fits, else beside it
      const count = el('text', { 'class': 'stage-count', x: centre, y: top + bandH / 2 + 5, 'text-anchor': 'middle', 'font-size': 13,
        'font-weight': 600 }, deals(s.totalOpportunities));
      g.appendChild(count);
      // conversion to the next stage, between the bands
      if (toNext !== null) {
        // narrow: on the line under the band, right-aligned (the leak takes its left half)
        g.appendChild(el('text', { 'class': 'stage-conversion', x: narrow ? W - 8 : centre,
          y: narrow ? top + bandH + 17 : top + bandH + (rowH - bandH) / 2 + 4,
          'text-anchor': narrow ? 'end' : 'middle', 'font-size': 11, fill: '#334155' }, '↓ ' + PERCENT.format(toNext) + '% to ' + (next.label || next.key)));
      }
      svg.appendChild(g);
      // fit labels to their room now that they are in the document
      const conversion = g.querySelector('.stage-conversion');
      if (conversion) fit(conversion, narrow ? W * 0.45 : funnelW);
      if (narrow) {
        fit(amount, W / 2 - 12);
        fit(label, W - 16 - amount.getComputedTextLength() - 12);
      } else {
        fit(label, labelW - 4);
        fit(amount, labelW - 4);
      }
      if (count.getComputedTextLength() + 10 > w) {
        const room = narrow ? W - 8 - (centre + w / 2 + 6) : funnelX + funnelW - (centre + w / 2 + 6);
        count.setAttribute('x', centre + w / 2 + 6);
        count.setAttribute('text-anchor', 'start');
        if (room < count.getComputedTextLength()) {
          count.setAttribute('x', centre - w / 2 - 6);
          count.setAttribute('text-anchor', 'end');
        }
      }
      // what leaked from this stage to Lost / Invalid
      if (!isOutcome(s) && s.lost > 0) {
        const leak = el('g', { 'class': 'leak', 'data-stage-key': s.key, 'data-lost': s.lost });
        const barY = narrow ? top + bandH + 6 : top + 6;
        const barW = Math.max(3, (narrow ? W * 0.3 : leakW * 0.45) * s.lost / max);
        leak.appendChild(el('rect', { x: leakX, y: barY, width: barW, height: 12, fill: '#f87171' }));
        const reason = (s.lossReasons || []).find(r => r.reason);
        const text = el('text', { 'class': 'leak-label', x: leakX + barW + 6, y: barY + 11, 'font-size': 12, fill: '#991b1b' },
          s.lost + ' lost' + (reason ? ', mostly ' + reason.reason : ''));
        leak.appendChild(text);
        svg.appendChild(leak);
        fit(text, (narrow ? W * 0.5 : leakX + leakW) - (leakX + barW + 6));
      }
    });
    // the outcomes deals leaked to, under the funnel
    const footY = funnel.length * rowH + 24;
    const foot = el('text', { 'class': 'leaked-to', x: 8, y: footY, 'font-size': 12, fill: '#991b1b' },
      'Leaked: ' + (leakedTo.map(s => (s.label || s.key) + ' ' + deals(s.totalOpportunities)).join(' · ') || 'none'));
    leakedTo.forEach(s => foot.setAttribute('data-' + s.key, s.totalOpportunities));
    svg.appendChild(foot);
    fit(foot, W - 16);
    // a check a test (or a curious host) can read: texts that do not fit the chart
    const overflowing = [...svg.querySelectorAll('text')].filter(t => {
      const box = t.getBBox();
      return box.x < -0.5 || box.x + box.width > W + 0.5;
    }).length;
    this.setAttribute('data-overflowing-labels', overflowing);
    this.setAttribute('data-width', W);
    this.setAttribute('data-drawn', funnel.length);
  }
}

customElements.define('oppsuite-funnel', OppsuiteFunnel);
