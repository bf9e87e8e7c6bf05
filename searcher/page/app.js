// The search page of `newsearch serve`. No framework, no build step.
// Safety rule: text from the index is never parsed as HTML. Every node is built with
// textContent; the one exception, the snippet, is split on its <mark> tags and the pieces
// between them become text nodes (see snippetNodes).
'use strict';

(() => {
  const PAGE_SIZE = 10;
  const MAX_OFFSET = 10000;            // the API's bound on offset
  const FILTER_FIELDS = ['person', 'author', 'tag', 'date'];
  const SORTS = ['relevance', 'newest', 'oldest', 'recent'];
  const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const EXAMPLES = ['subsoil deal', '"interest rates"', 'tariffs NOT China', 'sanctions date:2025', 'ukraine aid'];

  const $ = (id) => document.getElementById(id);
  const ui = {
    form: $('search-form'), q: $('q'), suggestions: $('suggestions'),
    welcome: $('welcome'), welcomeCount: $('welcome-count'), examples: $('examples'),
    searchView: $('search-view'), chips: $('chips'), sort: $('sort'), since: $('since'), until: $('until'),
    clearDates: $('clear-dates'), summary: $('summary'), messages: $('messages'),
    timeline: $('timeline'), timelineChart: $('timeline-chart'), results: $('results'), pager: $('pager'),
    facets: $('facets'), facetsPanel: $('facets-panel'),
    article: $('article-view'), articleBody: $('article-body'), articleClose: $('article-close'),
    backdrop: $('article-backdrop'), home: $('home-link'),
  };

  // ---------------------------------------------------------------- DOM helpers

  /** Builds an element; string children become text nodes, never markup. */
  function el(tag, props, ...children) {
    const svg = ['svg', 'rect', 'g', 'text', 'title', 'line'].includes(tag);
    const node = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.setAttribute('class', v);
      else if (k === 'text') node.textContent = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.append(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    }
    return node;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

  /** Undoes the engine's HTML escaping of snippet text, for use as a text node. */
  function decodeEntities(s) {
    return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
      if (e[0] === '#') {
        const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
      }
      return Object.prototype.hasOwnProperty.call(ENTITIES, e.toLowerCase()) ? ENTITIES[e.toLowerCase()] : m;
    });
  }

  /**
   * The snippet is HTML-escaped text with <mark>...</mark> around matches and no other tags
   * (docs/json.md). Only those two exact tags are recognised; anything else stays text.
   */
  function snippetNodes(snippet) {
    const out = [];
    let mark = null;
    for (const part of String(snippet).split(/(<mark>|<\/mark>)/)) {
      if (part === '<mark>') { mark = el('mark'); out.push(mark); continue; }
      if (part === '</mark>') { mark = null; continue; }
      if (!part) continue;
      const text = document.createTextNode(decodeEntities(part));
      if (mark) mark.append(text); else out.push(text);
    }
    return out;
  }

  function formatDate(d, withTime = true) {
    // "2025-03-01T21:09" as written in the article: no time zone conversion.
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?/.exec(d || '');
    if (!m) return '';
    const day = `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
    return withTime && m[4] && m[4] !== '00:00' ? `${day}, ${m[4]}` : day;
  }

  function formatPeriod(p, long = false) {
    const [y, mo, d] = p.split('-');
    const month = MONTHS[Number(mo) - 1] || '';
    if (d) return long ? `${Number(d)} ${month} ${y}` : `${Number(d)} ${month}`;
    if (mo) return `${month} ${y}`;
    return y;
  }

  const plural = (n, one, many) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

  // ---------------------------------------------------------------- state <-> URL

  /** Everything the page shows is a function of this, and it all lives in the URL. */
  function readState() {
    const p = new URLSearchParams(location.search);
    const filters = [];
    for (const [k, v] of p) if (FILTER_FIELDS.includes(k) && v.trim()) filters.push({ field: k, value: v.trim() });
    const sort = SORTS.includes(p.get('sort')) ? p.get('sort') : 'relevance';
    const page = Math.max(1, Math.min(Math.floor(MAX_OFFSET / PAGE_SIZE) + 1, parseInt(p.get('page'), 10) || 1));
    const date = (k) => (DATE_RE.test(p.get(k) || '') ? p.get(k) : '');
    return { q: p.get('q') || '', filters, sort, since: date('since'), until: date('until'), page, article: p.get('article') || '' };
  }

  function urlFor(s) {
    const p = new URLSearchParams();
    if (s.q) p.set('q', s.q);
    for (const f of s.filters) p.append(f.field, f.value);
    if (s.sort !== 'relevance') p.set('sort', s.sort);
    if (s.since) p.set('since', s.since);
    if (s.until) p.set('until', s.until);
    if (s.page > 1) p.set('page', String(s.page));
    if (s.article) p.set('article', s.article);
    const qs = p.toString();
    return qs ? `/?${qs}` : '/';
  }

  let state = readState();

  /**
   * Moves to a new state: a new history entry (back returns here) and a render. An entry
   * that opens an article over results remembers it, so that closing it is a "back".
   */
  function go(changes, { replace = false } = {}) {
    const next = { ...state, ...changes };
    const overResults = Boolean(next.article) && (replace ? Boolean(history.state && history.state.overResults) : !state.article);
    const entry = { app: true, overResults };
    if (replace) history.replaceState(entry, '', urlFor(next));
    else history.pushState(entry, '', urlFor(next));
    state = next;
    render();
  }

  /** The query sent to the API: the typed words plus each filter as a field term. */
  function apiQuery(s) {
    const parts = [];
    if (s.q.trim()) parts.push(s.q.trim());
    for (const f of s.filters) {
      const v = f.value.replace(/"/g, ' ').trim();
      parts.push(f.field === 'date' ? `date:${v}` : `${f.field}:"${v}"`);
    }
    return parts.join(' ');
  }

  function hasFilter(field, value) {
    return state.filters.some((f) => f.field === field && f.value === value);
  }

  function addFilter(field, value) {
    if (hasFilter(field, value)) return;
    // One period at a time: two dates would always intersect to nothing.
    const others = field === 'date' ? state.filters.filter((f) => f.field !== 'date') : state.filters;
    go({ filters: [...others, { field, value }], page: 1, article: '' });
  }

  function removeFilter(field, value) {
    go({ filters: state.filters.filter((f) => !(f.field === field && f.value === value)), page: 1 });
  }

  // ---------------------------------------------------------------- API

  class ApiError extends Error {
    constructor(message, parameter, status) { super(message); this.parameter = parameter; this.status = status; }
  }

  async function getJson(path, params, signal) {
    const url = `${path}?${new URLSearchParams(params)}`;
    let res;
    try {
      res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError('The server cannot be reached. Is newsearch serve still running?', null, 0);
    }
    let body = null;
    try { body = await res.json(); } catch (_) { /* not JSON: reported below */ }
    if (!res.ok) {
      const err = body && body.error ? body.error : { message: `HTTP ${res.status}`, parameter: null };
      throw new ApiError(err.message, err.parameter, res.status);
    }
    if (!body) throw new ApiError('The server sent an answer that is not JSON.', null, res.status);
    return body;
  }

  // ---------------------------------------------------------------- rendering: search

  let searchController = null;
  let lastSearchKey = null;
  let lastResult = null;

  function searchParams(s) {
    const p = { q: apiQuery(s), offset: String((s.page - 1) * PAGE_SIZE), limit: String(PAGE_SIZE), facets: '1', timeline: '1' };
    if (s.sort !== 'relevance') p.sort = s.sort;
    if (s.since) p.since = s.since;
    if (s.until) p.until = s.until;
    return p;
  }

  function syncControls() {
    if (document.activeElement !== ui.q) ui.q.value = state.q;
    ui.sort.value = state.sort;
    for (const k of ['since', 'until']) {
      if (document.activeElement !== ui[k]) ui[k].value = state[k];
      ui[k].removeAttribute('aria-invalid');
    }
    ui.clearDates.hidden = !state.since && !state.until;
    renderChips();
  }

  function renderChips() {
    clear(ui.chips);
    const labels = { person: 'Person', author: 'Author', tag: 'Tag', date: 'Date' };
    for (const f of state.filters) {
      const shown = f.field === 'date' ? formatPeriod(f.value, true) : f.value;
      ui.chips.append(el('li', { class: `chip chip-${f.field}` },
        el('span', { class: 'chip-field', text: labels[f.field] }),
        el('span', { class: 'chip-value', text: shown }),
        el('button', {
          type: 'button', class: 'chip-remove', 'aria-label': `Remove filter ${labels[f.field]}: ${shown}`,
          title: 'Remove this filter', onclick: () => removeFilter(f.field, f.value),
        }, '\u00d7')));
    }
  }

  async function renderSearch() {
    const params = searchParams(state);
    const key = JSON.stringify(params);
    if (key === lastSearchKey && lastResult) return;  // only the article view changed
    lastSearchKey = key;
    if (searchController) searchController.abort();
    searchController = new AbortController();
    ui.searchView.classList.add('loading');
    clear(ui.messages);
    try {
      const result = await getJson('/api/search', params, searchController.signal);
      lastResult = result;
      showResult(result);
    } catch (e) {
      if (e.name === 'AbortError') return;
      lastResult = null;
      showError(e);
    } finally {
      ui.searchView.classList.remove('loading');
    }
  }

  function showError(e) {
    clear(ui.results); clear(ui.pager); clear(ui.facets);
    ui.timeline.hidden = true;
    ui.summary.textContent = '';
    if (e.parameter === 'since' || e.parameter === 'until') ui[e.parameter].setAttribute('aria-invalid', 'true');
    const what = e.status === 400 ? 'This search cannot run' : 'Something went wrong';
    ui.messages.append(el('div', { class: 'notice notice-error', role: 'alert' },
      el('strong', { text: `${what}: ` }), e.message));
  }

  function showResult(r) {
    const from = r.total ? r.offset + 1 : 0;
    const to = r.offset + r.results.length;
    const total = `${r.total_exact ? '' : 'about '}${plural(r.total, 'result', 'results')}`;
    ui.summary.textContent = r.total
      ? `${from.toLocaleString('en')}\u2013${to.toLocaleString('en')} of ${total} \u00b7 ${r.elapsed_ms} ms`
      : `No results \u00b7 ${r.elapsed_ms} ms`;
    document.title = `${state.q || apiQuery(state)} \u2013 newsearch`;

    clear(ui.messages);
    if (r.suggestion) {
      ui.messages.append(el('p', { class: 'notice' }, 'Did you mean ',
        el('a', { href: urlFor({ ...state, q: r.suggestion, page: 1, article: '' }), class: 'suggestion-link',
          onclick: (ev) => { ev.preventDefault(); go({ q: r.suggestion, page: 1, article: '' }); } }, r.suggestion), '?'));
    }
    if (r.unmatched && r.unmatched.length && !r.total)
      ui.messages.append(el('p', { class: 'notice' }, 'No article contains: ', r.unmatched.join(', ')));
    for (const n of r.notices || []) ui.messages.append(el('p', { class: 'notice notice-info' }, n));
    if (!r.total && !r.suggestion)
      ui.messages.append(el('p', { class: 'notice' }, 'Try fewer words, remove a filter, or widen the dates.'));

    clear(ui.results);
    for (const hit of r.results) ui.results.append(resultItem(hit));
    renderPager(r);
    renderFacets(r.facets || {});
    renderTimeline(r.timeline || []);
  }

  function resultItem(hit) {
    const href = urlFor({ ...state, article: hit.id });
    const open = (ev) => {
      if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button === 1) return;  // new tab as usual
      ev.preventDefault();
      go({ article: hit.id });
    };
    const meta = [];
    if (hit.date) meta.push(el('time', { datetime: hit.date, text: formatDate(hit.date) }));
    if (hit.authors && hit.authors.length) meta.push(el('span', { class: 'authors', text: hit.authors.join(', ') }));
    const people = (hit.people || []).slice(0, 6);
    return el('li', { class: 'result' },
      el('h2', { class: 'result-title' }, el('a', { href, onclick: open, 'data-id': hit.id, text: hit.title || '(untitled)' })),
      el('div', { class: 'result-meta' }, meta.flatMap((m, i) => (i ? [el('span', { class: 'dot', 'aria-hidden': 'true', text: '\u00b7' }), m] : [m]))),
      hit.snippet ? el('p', { class: 'snippet' }, snippetNodes(hit.snippet)) : null,
      people.length ? el('div', { class: 'result-people' },
        el('span', { class: 'label', text: 'People' }),
        people.map((p) => el('button', {
          type: 'button', class: 'tag-button', text: p, title: `Only articles that mention ${p}`,
          'aria-pressed': hasFilter('person', p) ? 'true' : 'false', onclick: () => addFilter('person', p),
        })),
        hit.people.length > people.length ? el('span', { class: 'muted', text: `+${hit.people.length - people.length}` }) : null) : null,
      hit.similar ? el('p', { class: 'similar muted', text: `${plural(hit.similar, 'similar article', 'similar articles')} folded into this one` }) : null);
  }

  function renderPager(r) {
    clear(ui.pager);
    const reachable = Math.min(r.total, MAX_OFFSET + PAGE_SIZE);
    const pages = Math.ceil(reachable / PAGE_SIZE);
    if (pages <= 1) return;
    const cur = state.page;
    const link = (page, label, cls, aria) => {
      if (page < 1 || page > pages) return el('span', { class: `page ${cls || ''} disabled`, 'aria-hidden': 'true', text: label });
      return el('a', {
        href: urlFor({ ...state, page, article: '' }), class: `page ${cls || ''}`, 'aria-label': aria || `Page ${page}`,
        'aria-current': page === cur ? 'page' : null,
        onclick: (ev) => { ev.preventDefault(); go({ page, article: '' }); window.scrollTo(0, 0); },
      }, label);
    };
    ui.pager.append(link(cur - 1, '\u2190 Previous', 'prev', 'Previous page'));
    const shown = new Set([1, pages, cur - 2, cur - 1, cur, cur + 1, cur + 2].filter((p) => p >= 1 && p <= pages));
    let prev = 0;
    for (const p of [...shown].sort((a, b) => a - b)) {
      if (p - prev > 1) ui.pager.append(el('span', { class: 'page gap', 'aria-hidden': 'true', text: '\u2026' }));
      ui.pager.append(link(p, String(p), p === cur ? 'current' : 'num'));
      prev = p;
    }
    ui.pager.append(link(cur + 1, 'Next \u2192', 'next', 'Next page'));
  }

  function renderFacets(f) {
    clear(ui.facets);
    const groups = [
      ['people', 'person', 'People'], ['authors', 'author', 'Authors'], ['tags', 'tag', 'Tags'], ['months', 'date', 'Months'],
    ];
    for (const [key, field, title] of groups) {
      let items = f[key] || [];
      if (key === 'months') items = [...items].sort((a, b) => (a[0] < b[0] ? 1 : -1));
      if (!items.length) continue;
      const max = Math.max(...items.map((i) => i[1]));
      const list = el('ul', { class: 'facet-list' });
      for (const [value, count] of items) {
        const active = hasFilter(field, value);
        const label = field === 'date' ? formatPeriod(value) : value;
        const bar = el('span', { class: 'facet-bar', 'aria-hidden': 'true' });
        bar.style.width = `${Math.max(4, Math.round((100 * count) / max))}%`;
        list.append(el('li', {},
          el('button', {
            type: 'button', class: 'facet-item', 'aria-pressed': active ? 'true' : 'false',
            'data-field': field, 'data-value': value,
            title: active ? `Remove filter ${label}` : `Only ${label}`,
            onclick: () => (active ? removeFilter(field, value) : addFilter(field, value)),
          }, bar, el('span', { class: 'facet-name', text: label }), el('span', { class: 'facet-count', text: count.toLocaleString('en') }))));
      }
      ui.facets.append(el('section', { class: 'facet', 'data-facet': key }, el('h3', { class: 'section-title', text: title }), list));
    }
    if (!ui.facets.firstChild) ui.facets.append(el('p', { class: 'muted', text: 'No filters for these results.' }));
  }

  // ---------------------------------------------------------------- timeline (SVG)

  let lastTimeline = [];

  function renderTimeline(series) {
    lastTimeline = series;
    clear(ui.timelineChart);
    const total = series.reduce((n, [, c]) => n + c, 0);
    ui.timeline.hidden = series.length < 2 || total === 0;
    if (ui.timeline.hidden) return;
    const width = Math.max(280, ui.timelineChart.clientWidth || 640);
    const height = 112, axis = 20, top = 6;
    const plot = height - axis - top;
    const step = width / series.length;
    const gap = step > 6 ? Math.min(3, step * 0.2) : 0;
    const max = Math.max(...series.map(([, c]) => c));
    const activeDate = (state.filters.find((f) => f.field === 'date') || {}).value;
    const svg = el('svg', {
      viewBox: `0 0 ${width} ${height}`, width: '100%', height, class: 'timeline-svg', role: 'group',
      'aria-label': `Matches per ${series[0][0].length > 7 ? 'day' : 'month'}, ${formatPeriod(series[0][0], true)} to ${formatPeriod(series[series.length - 1][0], true)}`,
    });
    svg.append(el('line', { x1: 0, x2: width, y1: top + plot + 0.5, y2: top + plot + 0.5, class: 'axis' }));
    let lastLabelX = -Infinity;
    series.forEach(([period, count], i) => {
      const x = i * step;
      const h = count ? Math.max(2, (plot * count) / max) : 0;
      const label = `${formatPeriod(period, true)}: ${plural(count, 'article', 'articles')}`;
      const g = el('g', {
        class: `bar${period === activeDate ? ' active' : ''}${count ? '' : ' empty'}`, tabindex: count ? 0 : null,
        role: count ? 'button' : null, 'aria-label': count ? `${label}. Filter to this period` : null, 'data-period': period,
      },
      el('title', { text: label }),
      el('rect', { class: 'hit', x, y: 0, width: step, height: top + plot }),
      el('rect', { class: 'fill', x: x + gap / 2, y: top + plot - h, width: Math.max(1, step - gap), height: h }));
      if (count) {
        const pick = () => addFilter('date', period);
        g.addEventListener('click', pick);
        g.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); pick(); } });
      }
      svg.append(g);
      // Axis labels where a year (months) or a month (days) starts, never crowded.
      const isDay = period.length > 7;
      const boundary = i === 0 || (isDay ? period.endsWith('-01') : period.endsWith('-01') || series.length <= 12);
      if (boundary && x - lastLabelX > 56) {
        const text = isDay ? formatPeriod(period) : (series.length <= 12 ? formatPeriod(period) : period.slice(0, 4));
        svg.append(el('text', { x: x + 1, y: height - 5, class: 'tick', text }));
        lastLabelX = x;
      }
    });
    ui.timelineChart.append(svg);
  }

  let resizeTimer = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => { if (!ui.timeline.hidden) renderTimeline(lastTimeline); syncFacetsPanel(); }, 150);
  });

  // ---------------------------------------------------------------- article view

  let articleController = null;
  let lastArticleId = '';

  async function renderArticle() {
    if (!state.article) {
      if (!ui.article.hidden) {
        ui.article.hidden = true; ui.backdrop.hidden = true;
        document.body.classList.remove('article-open');
        const link = ui.results.querySelector(`a[data-id="${CSS.escape(lastArticleId)}"]`);
        if (link) link.focus();
      }
      return;
    }
    if (state.article === lastArticleId && !ui.article.hidden) return;
    lastArticleId = state.article;
    ui.article.hidden = false; ui.backdrop.hidden = false;
    document.body.classList.add('article-open');
    clear(ui.articleBody);
    ui.articleBody.append(el('p', { class: 'muted', text: 'Loading the article\u2026' }));
    ui.article.focus();
    if (articleController) articleController.abort();
    articleController = new AbortController();
    try {
      const a = await getJson('/api/article', { id: state.article }, articleController.signal);
      showArticle(a);
    } catch (e) {
      if (e.name === 'AbortError') return;
      clear(ui.articleBody);
      ui.articleBody.append(el('div', { class: 'notice notice-error', role: 'alert' },
        el('strong', { text: e.status === 404 ? 'Article not found: ' : 'The article cannot be shown: ' }), e.message));
    }
  }

  function showArticle(a) {
    clear(ui.articleBody);
    const meta = [];
    if (a.date) meta.push(el('time', { datetime: a.date, text: formatDate(a.date) }));
    if (a.authors && a.authors.length) meta.push(el('span', { text: a.authors.join(', ') }));
    const safeUrl = /^https?:\/\//i.test(a.url || '') ? a.url : '';
    const pick = (field, value) => () => addFilter(field, value);
    // Through el(): an absent part (no people, no tags) is skipped, not written as "null".
    ui.articleBody.append(...el('div', {},
      el('h1', { id: 'article-title', class: 'article-title', text: a.title || '(untitled)' }),
      el('div', { class: 'article-meta' }, meta.flatMap((m, i) => (i ? [el('span', { class: 'dot', 'aria-hidden': 'true', text: '\u00b7' }), m] : [m]))),
      (a.people && a.people.length) ? el('div', { class: 'article-people' }, el('span', { class: 'label', text: 'People' }),
        a.people.map((p) => el('button', { type: 'button', class: 'tag-button', text: p, title: `Search articles that mention ${p}`, onclick: pick('person', p) }))) : null,
      (a.tags && a.tags.length) ? el('div', { class: 'article-people' }, el('span', { class: 'label', text: 'Tags' }),
        a.tags.map((t) => el('button', { type: 'button', class: 'tag-button tag-kind', text: t, onclick: pick('tag', t) }))) : null,
      el('div', { class: 'article-text' }, (a.paragraphs || []).filter((p) => p.trim()).map((p) => el('p', { text: p }))),
      el('p', { class: 'article-source muted' }, 'Source: ',
        safeUrl ? el('a', { href: safeUrl, rel: 'noopener noreferrer', target: '_blank', text: safeUrl }) : el('span', { text: a.path || '' }))).childNodes);
    document.title = `${a.title} \u2013 newsearch`;
  }

  function closeArticle() {
    if (history.state && history.state.overResults) {
      history.back();
    } else {
      go({ article: '' }, { replace: true });
    }
  }

  ui.articleClose.addEventListener('click', closeArticle);
  ui.backdrop.addEventListener('click', closeArticle);

  // ---------------------------------------------------------------- suggestions

  let suggestController = null;
  let suggestTimer = 0;
  let suggestItems = [];
  let activeSuggestion = -1;

  function hideSuggestions() {
    ui.suggestions.hidden = true;
    ui.q.setAttribute('aria-expanded', 'false');
    ui.q.removeAttribute('aria-activedescendant');
    suggestItems = [];
    activeSuggestion = -1;
  }

  async function fetchSuggestions() {
    const text = ui.q.value;
    const word = text.split(/\s+/).pop() || '';
    if (word.replace(/^[^:]*:/, '').replace(/^["(+-]+/, '').length < 2) { hideSuggestions(); return; }
    if (suggestController) suggestController.abort();
    suggestController = new AbortController();
    try {
      const r = await getJson('/api/suggest', { q: text }, suggestController.signal);
      if (ui.q.value !== text || document.activeElement !== ui.q) return;
      showSuggestions(r.suggestions || []);
    } catch (e) {
      hideSuggestions();
    }
  }

  function showSuggestions(items) {
    clear(ui.suggestions);
    suggestItems = items;
    activeSuggestion = -1;
    if (!items.length) { hideSuggestions(); return; }
    const kinds = { term: 'word', person: 'person', author: 'author' };
    items.forEach((s, i) => {
      ui.suggestions.append(el('li', {
        id: `suggestion-${i}`, role: 'option', class: 'suggestion', 'aria-selected': 'false',
        onmousedown: (ev) => { ev.preventDefault(); applySuggestion(i); },
      }, el('span', { class: 'suggestion-text', text: s.text }), el('span', { class: `suggestion-kind kind-${s.kind}`, text: kinds[s.kind] || s.kind })));
    });
    ui.suggestions.hidden = false;
    ui.q.setAttribute('aria-expanded', 'true');
  }

  function highlightSuggestion(i) {
    activeSuggestion = i;
    [...ui.suggestions.children].forEach((li, k) => li.setAttribute('aria-selected', k === i ? 'true' : 'false'));
    if (i >= 0) ui.q.setAttribute('aria-activedescendant', `suggestion-${i}`);
    else ui.q.removeAttribute('aria-activedescendant');
  }

  /** Replaces the word being typed by the suggestion and searches. */
  function applySuggestion(i) {
    const s = suggestItems[i];
    if (!s) return;
    const words = ui.q.value.replace(/\s+$/, '').split(/(\s+)/);
    const value = s.text.replace(/"/g, ' ').trim();
    words[words.length - 1] = s.kind === 'term' ? value : `${s.kind}:"${value}"`;
    ui.q.value = `${words.join('')} `;
    hideSuggestions();
    submitSearch();
  }

  ui.q.addEventListener('input', () => {
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(fetchSuggestions, 120);
  });
  ui.q.addEventListener('keydown', (ev) => {
    if (ui.suggestions.hidden) return;
    if (ev.key === 'ArrowDown') { ev.preventDefault(); highlightSuggestion((activeSuggestion + 1) % suggestItems.length); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); highlightSuggestion(activeSuggestion <= 0 ? suggestItems.length - 1 : activeSuggestion - 1); }
    else if (ev.key === 'Escape') { ev.preventDefault(); hideSuggestions(); }
    else if (ev.key === 'Enter' && activeSuggestion >= 0) { ev.preventDefault(); applySuggestion(activeSuggestion); }
  });
  ui.q.addEventListener('blur', () => setTimeout(hideSuggestions, 100));

  // ---------------------------------------------------------------- controls

  function submitSearch() {
    clearTimeout(suggestTimer);
    hideSuggestions();
    const q = ui.q.value.trim();
    if (!q && !state.filters.length) { go({ q: '', page: 1, article: '' }); return; }
    lastSearchKey = null;  // Enter on the same query searches again (the index may have changed)
    go({ q, page: 1, article: '' });
  }

  ui.form.addEventListener('submit', (ev) => { ev.preventDefault(); submitSearch(); });
  ui.sort.addEventListener('change', () => go({ sort: ui.sort.value, page: 1 }));

  function validDate(v) {
    if (!DATE_RE.test(v)) return false;
    const [y, m, d] = v.split('-').map(Number);
    if (m !== undefined && (m < 1 || m > 12)) return false;
    if (d !== undefined && (d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate())) return false;
    return true;
  }

  function applyDate(input) {
    const v = input.value.trim();
    if (v && !validDate(v)) { input.setAttribute('aria-invalid', 'true'); return; }
    input.removeAttribute('aria-invalid');
    if (v !== state[input.id]) go({ [input.id]: v, page: 1 });
  }
  for (const input of [ui.since, ui.until]) {
    input.addEventListener('change', () => applyDate(input));
    input.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') { ev.preventDefault(); applyDate(input); } });
  }
  ui.clearDates.addEventListener('click', () => go({ since: '', until: '', page: 1 }));

  ui.home.addEventListener('click', (ev) => {
    ev.preventDefault();
    ui.q.value = '';
    go({ q: '', filters: [], sort: 'relevance', since: '', until: '', page: 1, article: '' });
    ui.q.focus();
  });

  document.addEventListener('keydown', (ev) => {
    const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement && document.activeElement.tagName);
    if (ev.key === '/' && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      if (!ui.article.hidden) closeArticle();
      ui.q.focus();
      ui.q.select();
    } else if (ev.key === 'Escape' && !ui.article.hidden) {
      closeArticle();
    }
  });

  // Filters open beside the results on a wide screen, folded above them on a phone.
  const narrow = window.matchMedia('(max-width: 880px)');
  let facetsUserToggled = false;
  function syncFacetsPanel() { if (!facetsUserToggled) ui.facetsPanel.open = !narrow.matches; }
  ui.facetsPanel.querySelector('summary').addEventListener('click', () => { facetsUserToggled = true; });

  // ---------------------------------------------------------------- welcome

  let healthLoaded = false;
  async function renderWelcome() {
    document.title = 'newsearch';
    if (!ui.examples.firstChild) {
      for (const ex of EXAMPLES) {
        ui.examples.append(el('li', {}, el('a', {
          href: urlFor({ ...readState(), q: ex, filters: [], page: 1, article: '' }), class: 'example',
          onclick: (ev) => { ev.preventDefault(); ui.q.value = ex; go({ q: ex, filters: [], page: 1, article: '' }); }, text: ex,
        })));
      }
    }
    if (healthLoaded) return;
    healthLoaded = true;
    try {
      const h = await getJson('/healthz', {});
      ui.welcomeCount.textContent = `${plural(h.documents, 'article', 'articles')} indexed.`;
    } catch (e) {
      ui.welcomeCount.textContent = e.message;
    }
  }

  // ---------------------------------------------------------------- main render

  function render() {
    syncControls();
    const searching = Boolean(state.q.trim() || state.filters.length);
    ui.welcome.hidden = searching;
    ui.searchView.hidden = !searching;
    if (searching) renderSearch(); else { lastSearchKey = null; renderWelcome(); }
    renderArticle();
  }

  window.addEventListener('popstate', () => {
    state = readState();
    render();
  });

  syncFacetsPanel();
  history.replaceState({ app: true, overResults: false }, '', urlFor(state));
  render();
  if (!state.q && !state.article) ui.q.focus();
})();
