// <telops-elapsed since="1733440000000">: how long ago `since` (epoch ms, the server's clock) was, counted in the
// browser — "42 s", "4 min 05 s", "2 h 03 min", as BrowserTime.duration writes them. One timer per page moves every
// clock at once, so a screen of live calls needs no server push just because a second went by. The server's clock
// is told once per page (window.telopsClockSkew = server now − browser now), so a browser whose clock is off still
// counts from the carrier's start time.
const clocks = new Set();
let timer = null;

function format(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n) => String(n).padStart(2, '0');
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${pad(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${pad(Math.floor((s % 3600) / 60))} min`;
}

class TelopsElapsed extends HTMLElement {
  static get observedAttributes() {
    return ['since'];
  }

  set since(value) {
    this._since = Number(value);
    this._render();
  }

  get since() {
    return this._since;
  }

  attributeChangedCallback(name, old, value) {
    this.since = value;
  }

  connectedCallback() {
    clocks.add(this);
    if (!timer) {
      timer = setInterval(() => clocks.forEach((c) => c._render()), 1000);
    }
    this._render();
  }

  disconnectedCallback() {
    clocks.delete(this);
    if (clocks.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  }

  _render() {
    if (!Number.isFinite(this._since)) {
      this.textContent = '—';
      return;
    }
    const text = format(Date.now() + (window.telopsClockSkew || 0) - this._since);
    if (this.textContent !== text) this.textContent = text;
  }
}

customElements.define('telops-elapsed', TelopsElapsed);
