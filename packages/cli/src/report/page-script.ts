/**
 * The page's only script, inlined and allowed by its hash in the Content-Security-Policy. It
 * builds the cards from the JSON data block with `textContent` and `setAttribute` only (never
 * `innerHTML`), so no text from the journal or the jobs file can become markup. Cards are
 * added a chunk at a time as the reader scrolls, and a video gets its file only near the
 * viewport and gives it back far from it (unless playing): 10,000 jobs never hold 10,000
 * players. Plain ES2020, no imports: it runs as written.
 */
export const PAGE_SCRIPT = `(() => {
  'use strict';
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const labels = data.labels;
  const jobs = data.rows.map((row) => {
    const j = {};
    data.fields.forEach((f, i) => {
      if (row[i] !== undefined && row[i] !== null) j[f] = row[i];
    });
    if (j.submitted !== undefined) j.submitted += data.t0;
    if (j.finished !== undefined) j.finished += data.t0;
    if (j.submitted !== undefined && j.finished !== undefined) j.waitedMs = Math.max(0, j.finished - j.submitted);
    if (j.video) j.file = decodeURIComponent(j.video.split('/').pop());
    j.params = j.params || [];
    j.attempts = j.attempts || 1;
    return j;
  });
  const cards = document.getElementById('cards');
  const sentinel = document.getElementById('more');
  const shown = document.getElementById('shown');
  const sort = document.getElementById('sort');
  const chips = Array.from(document.querySelectorAll('button[data-status]'));
  const active = new Set(chips.map((b) => b.dataset.status));
  const CHUNK = 48;
  let view = [];
  let next = 0;

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = String(text);
    return e;
  };
  const pad = (n) => String(n).padStart(2, '0');
  const when = (ms) => {
    const d = new Date(ms);
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  };
  const secs = (ms) => {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return s + 's';
    const m = Math.floor(s / 60);
    return m < 60 ? m + 'm' + pad(s % 60) + 's' : Math.floor(m / 60) + 'h' + pad(m % 60) + 'm';
  };
  const size = (n) => (n < 1048576 ? (n / 1024).toFixed(1) + ' KB' : (n / 1048576).toFixed(1) + ' MB');

  const unload = (v) => {
    if (!v.hasAttribute('src')) return;
    v.removeAttribute('src');
    v.load();
  };
  const videos = new IntersectionObserver((entries) => {
    for (const e of entries) {
      const v = e.target;
      if (e.isIntersecting) {
        if (!v.hasAttribute('src')) v.setAttribute('src', v.dataset.src);
      } else if (v.paused) unload(v);
    }
  }, { rootMargin: '600px 0px' });

  const pairs = (cls, rows) => {
    const dl = el('dl', cls);
    for (const [k, v] of rows) dl.append(el('dt', '', k), el('dd', '', v));
    return dl;
  };

  const card = (j) => {
    const a = el('article', 'card st-' + j.status);
    const media = el('div', 'media');
    if (j.video) {
      const v = el('video');
      v.setAttribute('controls', '');
      v.setAttribute('preload', 'metadata');
      v.setAttribute('aria-label', 'video of line ' + j.line);
      v.dataset.src = j.video;
      media.append(v);
      videos.observe(v);
    } else {
      media.append(el('div', 'novideo', j.status === 'succeeded' ? 'video file missing' : 'no video'));
    }
    const head = el('header');
    head.append(el('span', 'badge', labels[j.status] || j.status), el('span', 'model', j.model), el('span', 'line', 'line ' + j.line));
    a.append(media, head);
    if (j.prompt) a.append(el('p', 'prompt', j.prompt));
    if (j.note) a.append(el('p', 'note', j.note));
    if (j.params.length) a.append(pairs('params', j.params));
    const rows = [];
    if (j.taskId) rows.push(['task', j.taskId]);
    if (j.submitted !== undefined) rows.push(['submitted', when(j.submitted)]);
    if (j.finished !== undefined) rows.push(['finished', when(j.finished)]);
    if (j.waitedMs !== undefined) rows.push(['waited', secs(j.waitedMs)]);
    if (j.attempts > 1) rows.push(['submits', j.attempts]);
    if (j.file) rows.push(['file', j.file + (j.bytes !== undefined ? ' (' + size(j.bytes) + ')' : '')]);
    if (rows.length) a.append(pairs('times', rows));
    return a;
  };

  const fill = () => {
    // The sentinel may still be in range after a chunk: keep going until it is not.
    while (next < view.length && sentinel.getBoundingClientRect().top < innerHeight + 1200) {
      const frag = document.createDocumentFragment();
      const end = Math.min(view.length, next + CHUNK);
      for (; next < end; next++) frag.append(card(view[next]));
      cards.append(frag);
    }
    shown.textContent = 'showing ' + view.length + ' of ' + jobs.length;
  };
  new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) fill();
  }, { rootMargin: '1200px 0px' }).observe(sentinel);

  const by = (key, dir) => (a, b) =>
    (a[key] === undefined) - (b[key] === undefined) || dir * ((a[key] || 0) - (b[key] || 0)) || a.line - b.line;
  const orders = {
    line: (a, b) => a.line - b.line,
    'submitted-asc': by('submitted', 1),
    'submitted-desc': by('submitted', -1),
    'finished-desc': by('finished', -1),
    'waited-desc': by('waitedMs', -1),
  };

  const update = () => {
    for (const v of cards.querySelectorAll('video')) unload(v);
    videos.disconnect();
    cards.textContent = '';
    view = jobs.filter((j) => active.has(j.status)).sort(orders[sort.value] || orders.line);
    next = 0;
    for (const b of chips) b.setAttribute('aria-pressed', String(active.has(b.dataset.status)));
    fill();
  };

  for (const b of chips) {
    b.addEventListener('click', () => {
      const s = b.dataset.status;
      if (active.has(s)) active.delete(s);
      else active.add(s);
      update();
    });
  }
  document.getElementById('all').addEventListener('click', () => {
    for (const b of chips) active.add(b.dataset.status);
    update();
  });
  sort.addEventListener('change', update);
  update();
})();`;
