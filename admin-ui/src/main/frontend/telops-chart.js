// <telops-chart>: a line chart (Chart.js) fed by the server as one JSON string property, "data":
// {"labels":[...], "series":[{"label":"MOS","values":[...],"axis":"y"|"y2","group":"eu-west"|null,"dash":"solid"|"dashed"|"dotted"|null}],
//  "y":{"min":1,"max":4.5,"title":"MOS"}, "y2":{"title":"ms"}}. Series of one group share a colour; their dash tells them apart.
import {
  Chart, LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip, Filler,
} from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip, Filler);

const PALETTE = ['#1676f3', '#e8590c', '#2f9e44', '#ae3ec9', '#f59f00', '#0ca678'];

class TelopsChart extends HTMLElement {
  constructor() {
    super();
    this._data = null;
    this._chart = null;
  }

  connectedCallback() {
    if (!this._canvas) {
      this.style.display = 'block';
      this.style.position = 'relative';
      if (!this.style.height) this.style.height = '260px';
      this._canvas = document.createElement('canvas');
      this.appendChild(this._canvas);
    }
    this._render();
  }

  disconnectedCallback() {
    if (this._chart) {
      this._chart.destroy();
      this._chart = null;
    }
  }

  set data(json) {
    this._data = typeof json === 'string' ? JSON.parse(json) : json;
    this._render();
  }

  get data() {
    return this._data;
  }

  _render() {
    if (!this._canvas || !this._data) return;
    const d = this._data;
    const text = getComputedStyle(this).getPropertyValue('--lumo-body-text-color') || '#333';
    const grid = getComputedStyle(this).getPropertyValue('--lumo-contrast-10pct') || '#ddd';
    const groups = [];
    const colour = (s, i) => {
      if (!s.group) return PALETTE[i % PALETTE.length];
      if (!groups.includes(s.group)) groups.push(s.group);
      return PALETTE[groups.indexOf(s.group) % PALETTE.length];
    };
    const DASH = { dashed: [6, 4], dotted: [2, 3] };
    const datasets = (d.series || []).map((s, i) => ({
      label: s.label,
      data: s.values,
      yAxisID: s.axis || 'y',
      borderColor: colour(s, i),
      backgroundColor: colour(s, i),
      borderDash: DASH[s.dash] || [],
      borderWidth: 2,
      pointRadius: d.labels && d.labels.length > 60 ? 0 : 2,
      spanGaps: true,
      tension: 0.2,
    }));
    const scales = {
      x: { ticks: { color: text, maxRotation: 0, autoSkip: true }, grid: { color: grid } },
      y: { position: 'left', ticks: { color: text }, grid: { color: grid },
        title: { display: !!(d.y && d.y.title), text: d.y ? d.y.title : '', color: text },
        min: d.y ? d.y.min : undefined, max: d.y ? d.y.max : undefined },
    };
    if (datasets.some((s) => s.yAxisID === 'y2')) {
      scales.y2 = { position: 'right', ticks: { color: text }, grid: { drawOnChartArea: false },
        title: { display: !!(d.y2 && d.y2.title), text: d.y2 ? d.y2.title : '', color: text }, min: 0 };
    }
    const config = {
      type: 'line',
      data: { labels: d.labels || [], datasets },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        plugins: { legend: { labels: { color: text } } },
        scales,
      },
    };
    if (this._chart) {
      this._chart.data = config.data;
      this._chart.options = config.options;
      this._chart.update('none');
    } else {
      this._chart = new Chart(this._canvas, config);
    }
  }
}

customElements.define('telops-chart', TelopsChart);
