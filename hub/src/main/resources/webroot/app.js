// CampusGuard console: live alarm queue, county wall and campus pages over the hub's REST API and its
// Server-Sent Events stream. No build step; every word comes from i18n/<lang>.json.
'use strict';

const SEVERITY_ORDER = { P0: 0, P1: 1, P2: 2, P3: 3 };
const state = {
  lang: localStorage.getItem('cg.lang') || 'zh-CN',
  text: {},
  alarms: new Map(),      // id -> alarm; SSE updates replace, so a replayed event never shows twice
  campuses: new Map(),    // id -> campus
  unackedP0: new Set(),
  detailId: null,
  audio: null,
};

function t(key, vars) {
  let s = state.text[key];
  if (s === undefined) return key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.replace('{' + k + '}', v);
  return s;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
    credentials: 'same-origin',
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(data.error || res.statusText);
  return data;
}

async function loadLanguage(lang) {
  state.lang = lang;
  localStorage.setItem('cg.lang', lang);
  state.text = await (await fetch('/console/i18n/' + lang + '.json')).json();
  document.documentElement.lang = lang;
  document.title = t('title');
  document.querySelectorAll('[data-i18n]').forEach(n => { n.textContent = t(n.dataset.i18n); });
  render();
}

function formatTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(state.lang, { hour12: false });
}

function formatDelay(ms) {
  const s = Math.round(ms / 1000);
  if (s < 120) return s + 's';
  const m = Math.round(s / 60);
  return m < 120 ? m + 'min' : Math.round(m / 60) + 'h';
}

function campusName(id) {
  const c = state.campuses.get(id);
  return c && c.name ? c.name : id;
}

// ---- alarm queue ----

function activeAlarms() {
  return [...state.alarms.values()]
    .filter(a => a.state !== 'resolved')
    .sort((a, b) => (SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]) || (Date.parse(a.openedAt) - Date.parse(b.openedAt)));
}

function renderQueue() {
  const body = document.querySelector('#alarm-queue tbody');
  body.replaceChildren();
  const list = activeAlarms();
  document.getElementById('alarm-empty').hidden = list.length > 0;
  for (const a of list) {
    const row = el('tr', { class: a.severity + (a.state === 'open' ? ' unacked' : ''), 'data-alarm': a.id },
      el('td', { class: 'sev ' + a.severity }, a.severity),
      el('td', {}, t('type.' + a.type), a.late ? el('span', { class: 'late' }, t('late', { delay: formatDelay(a.delayMs) })) : null),
      el('td', {}, campusName(a.campus)),
      el('td', {}, a.device),
      el('td', {}, formatTime(a.openedAt)),
      el('td', { class: 'state' }, t('state.' + a.state) + (a.assignee ? ' · ' + a.assignee : '')),
      el('td', {},
        a.state === 'open' ? el('button', { class: 'primary ack', onclick: () => act(a.id, 'ack') }, t('action.ack')) : null,
        ' ',
        el('button', { class: 'details', onclick: () => openDetail(a.id) }, t('action.details'))));
    body.append(row);
  }
  const open = list.filter(a => a.state === 'open').length;
  document.getElementById('alarm-summary').replaceChildren(
    el('div', { class: 'box' }, t('summary.p0'), el('b', {}, list.filter(a => a.severity === 'P0').length)),
    el('div', { class: 'box' }, t('summary.open'), el('b', {}, open)),
    el('div', { class: 'box' }, t('summary.acknowledged'), el('b', {}, list.length - open)));
  updateAlert();
}

// A P0 keeps sounding and flashing until someone acknowledges it.
function updateAlert() {
  state.unackedP0 = new Set(activeAlarms().filter(a => a.severity === 'P0' && a.state === 'open').map(a => a.id));
  document.getElementById('flash').hidden = state.unackedP0.size === 0;
  if (state.unackedP0.size > 0) startTone(); else stopTone();
}

function startTone() {
  if (state.audio) return;
  try {
    const ctx = new (window.AudioContext || window.webkitAudioContext)();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'square';
    osc.frequency.value = 880;
    gain.gain.value = 0.05;
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    const timer = setInterval(() => { gain.gain.value = gain.gain.value > 0 ? 0 : 0.05; }, 400);
    state.audio = { ctx, timer };
  } catch (e) {
    state.audio = { ctx: null, timer: null };
  }
}

function stopTone() {
  if (!state.audio) return;
  clearInterval(state.audio.timer);
  if (state.audio.ctx) state.audio.ctx.close();
  state.audio = null;
}

async function act(id, action, body) {
  try {
    const updated = await api('POST', '/api/alarms/' + id + '/' + action, body || {});
    upsertAlarm(updated);
    if (state.detailId === id) renderDetail(updated);
  } catch (e) {
    alert(e.message);
  }
}

async function openDetail(id) {
  state.detailId = id;
  renderDetail(await api('GET', '/api/alarms/' + id));
}

function renderDetail(a) {
  const box = document.getElementById('alarm-detail');
  box.hidden = false;
  const steps = state.text['procedure.' + a.type] || state.text['procedure.default'] || [];
  const note = el('textarea', { id: 'resolve-note', placeholder: t('detail.note') });
  box.replaceChildren(
    el('h3', {}, t('type.' + a.type), ' — ', campusName(a.campus), ' ', a.device),
    el('p', {}, t('state.' + a.state), a.assignee ? ' · ' + t('detail.assignee') + ': ' + a.assignee : '', ' · ', t('detail.occurrences') + ': ' + a.occurrences),
    el('h4', {}, t('detail.procedure')),
    el('ol', {}, ...steps.map(s => el('li', {}, s))),
    el('h4', {}, t('detail.history')),
    el('ul', { class: 'history' }, ...(a.history || []).map(h => el('li', {}, formatTime(h.at), ' ', t('history.' + h.action), ' · ', h.actor, h.note ? ' · ' + h.note : ''))),
    a.state !== 'resolved' ? el('div', {},
      a.state === 'open' ? el('button', { class: 'primary', onclick: () => act(a.id, 'ack') }, t('action.ack')) : null, ' ',
      el('button', { class: 'assign', onclick: () => act(a.id, 'assign') }, t('action.assign')), ' ',
      note,
      el('button', { class: 'resolve', onclick: () => act(a.id, 'resolve', { note: note.value }) }, t('action.resolve'))) : null,
    el('button', { onclick: () => { state.detailId = null; box.hidden = true; } }, t('action.close')));
}

function upsertAlarm(a) {
  state.alarms.set(a.id, Object.assign(state.alarms.get(a.id) || {}, a));
  renderQueue();
  if (currentView() === 'campus') renderCampus();
}

// ---- county wall ----

function renderWall() {
  const byTown = new Map();
  for (const c of [...state.campuses.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    const town = c.town || '—';
    if (!byTown.has(town)) byTown.set(town, []);
    byTown.get(town).push(c);
  }
  const wall = document.getElementById('wall');
  wall.replaceChildren(...[...byTown.entries()].map(([town, list]) =>
    el('div', { class: 'town' },
      el('h2', {}, town, ' (', list.length, ')'),
      el('div', { class: 'tiles' }, ...list.map(c =>
        el('a', { class: 'tile ' + (c.linkState === 'unknown' ? 'unknown' : c.colour), href: '#/campus/' + c.id, 'data-campus': c.id, 'data-colour': c.colour },
          el('b', {}, c.name || c.id),
          c.id, ' · ', t('link.' + c.linkState), ' · ', t('wall.alarms', { n: (c.activeP0 || 0) + (c.activeOther || 0) })))))));
}

// ---- campus page ----

async function renderCampus() {
  const id = location.hash.split('/')[2];
  const c = state.campuses.get(id) || await api('GET', '/api/campuses/' + id);
  const devices = (await api('GET', '/api/devices?campus=' + encodeURIComponent(id))).devices || [];
  const byKind = new Map();
  for (const d of devices) byKind.set(d.kind, (byKind.get(d.kind) || 0) + 1);
  const alarms = activeAlarms().filter(a => a.campus === id);
  document.getElementById('campus').replaceChildren(
    el('p', {}, el('a', { href: '#/wall' }, t('campus.back'))),
    el('h2', {}, c.name || c.id, ' ', el('span', { class: 'tile-dot ' + c.colour })),
    el('div', { class: 'kv' },
      el('span', {}, t('campus.link')), el('span', {}, t('link.' + c.linkState)),
      el('span', {}, t('campus.lastHeartbeat')), el('span', {}, formatTime(c.lastHeartbeatAt)),
      el('span', {}, t('campus.latency')), el('span', {}, c.latency ? c.latency.p50Ms + ' ms / ' + c.latency.p99Ms + ' ms' : '—'),
      el('span', {}, t('campus.availability')), el('span', {}, c.availability !== undefined ? (100 * c.availability).toFixed(2) + ' %' : '—')),
    el('h3', {}, t('campus.alarms'), ' (', alarms.length, ')'),
    el('ul', {}, ...alarms.map(a => el('li', {}, a.severity, ' ', t('type.' + a.type), ' · ', a.device, ' · ', formatTime(a.openedAt)))),
    el('h3', {}, t('campus.devices')),
    el('ul', {}, ...[...byKind.entries()].map(([k, n]) => el('li', {}, t('kind.' + k), ': ', n))));
}

// ---- replacement queue, plan and import (IT staff) ----

const queueState = { rows: [], sort: 'rank', asc: true };

async function loadQueue() {
  const form = new FormData(document.getElementById('queue-filter'));
  const params = new URLSearchParams({ lang: state.lang });
  for (const k of ['campus', 'town', 'category']) if (form.get(k)) params.set(k, form.get(k));
  document.getElementById('queue-csv').href = '/api/replacement/queue?format=csv&' + params;
  queueState.rows = (await api('GET', '/api/replacement/queue?' + params)).queue || [];
  renderQueueTable();
}

function renderQueueTable() {
  const rows = [...queueState.rows].sort((a, b) => {
    const x = a[queueState.sort], y = b[queueState.sort];
    const c = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
    return queueState.asc ? c : -c;
  });
  const NEXT = { candidate: ['approved'], approved: ['ordered', 'candidate'], ordered: ['installed'], installed: ['retired'], retired: [] };
  document.querySelector('#replacement-queue tbody').replaceChildren(...rows.slice(0, 500).map(r =>
    el('tr', { 'data-asset': r.assetId },
      el('td', {}, r.rank),
      el('td', {}, r.assetId, el('br'), el('small', {}, r.make + ' ' + r.model + ' · ' + r.room)),
      el('td', {}, r.campusName || r.campus, el('br'), el('small', {}, r.town || '')),
      el('td', {}, t('category.' + r.category)),
      el('td', {}, r.ageYears),
      el('td', {}, r.score),
      el('td', {}, r.health),
      el('td', { class: 'reasons' }, r.reasons.join('；')),
      el('td', { class: 'state' }, t('replacement.' + r.state)),
      el('td', {}, ...NEXT[r.state].map(to => el('button', { class: 'move', 'data-to': to, onclick: () => moveEntry(r, to) }, t('replacement.to.' + to)))))));
}

async function moveEntry(row, to) {
  try {
    const moved = await api('POST', '/api/replacement/' + encodeURIComponent(row.assetId) + '/state', { to });
    row.state = moved.state;
    renderQueueTable();
  } catch (e) {
    alert(e.message);
  }
}

async function runPlan() {
  const form = new FormData(document.getElementById('plan-form'));
  const budgets = {};
  for (const y of ['2025', '2026', '2027', '2028', '2029']) budgets[y] = Number(form.get(y) || 0);
  const prices = { multimedia_platform: 12800, teacher_pc: 4800, student_pc: 3600, computer_room_pc: 3900 };
  const plan = await api('POST', '/api/replacement/plan?lang=' + state.lang, { budgets, prices });
  const box = document.getElementById('plan');
  const maxRisk = Math.max(1, ...plan.years.map(y => y.atRiskAtEnd));
  const chart = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  chart.setAttribute('width', 520); chart.setAttribute('height', 180); chart.setAttribute('class', 'bars');
  plan.years.forEach((y, i) => {
    const h = 130 * y.atRiskAtEnd / maxRisk;
    const bar = document.createElementNS(chart.namespaceURI, 'rect');
    Object.entries({ class: 'bar', x: 20 + i * 100, y: 150 - h, width: 60, height: h }).forEach(([k, v]) => bar.setAttribute(k, v));
    const label = document.createElementNS(chart.namespaceURI, 'text');
    label.setAttribute('x', 20 + i * 100); label.setAttribute('y', 168); label.textContent = y.year + ': ' + y.atRiskAtEnd;
    chart.append(bar, label);
  });
  box.replaceChildren(
    el('h3', {}, t('plan.atRisk')), chart,
    ...plan.notes.map(n => el('p', { class: 'empty' }, n)),
    el('table', { class: 'queue', id: 'plan-table' },
      el('thead', {}, el('tr', {}, ...['plan.year', 'plan.budget', 'plan.spent', 'plan.replaced', 'plan.atRiskAtEnd'].map(k => el('th', {}, t(k))))),
      el('tbody', {}, ...plan.years.map(y => el('tr', {},
        el('td', {}, y.year), el('td', {}, Number(y.budget).toLocaleString(state.lang)), el('td', {}, Number(y.spent).toLocaleString(state.lang)),
        el('td', {}, Object.entries(y.replaced).map(([c, n]) => t('category.' + c) + ' ' + n).join('，')),
        el('td', {}, y.atRiskAtEnd))))));
}

async function runImport() {
  const form = document.getElementById('import-form');
  const file = form.file.files[0];
  if (!file) return;
  const partial = form.partial.checked;
  const res = await fetch('/api/assets/import' + (partial ? '?partial=true' : ''), {
    method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: await file.text(), credentials: 'same-origin' });
  const report = await res.json();
  document.getElementById('import-report').replaceChildren(
    el('p', { class: res.ok ? '' : 'error-row' }, t('import.result', { imported: report.imported, rows: report.rowsRead, errors: (report.errors || []).length })),
    el('table', { class: 'queue', id: 'import-errors' },
      el('thead', {}, el('tr', {}, el('th', {}, t('import.row')), el('th', {}, t('import.field')), el('th', {}, t('import.message')))),
      el('tbody', {}, ...(report.errors || []).map(e => el('tr', { class: 'error-row' }, el('td', {}, e.row), el('td', {}, e.field), el('td', {}, e.message))))));
}

// ---- routing, stream, start ----

const VIEWS = ['alarms', 'wall', 'campus', 'queue', 'plan', 'import'];

function currentView() {
  const h = location.hash || '#/alarms';
  const name = h.slice(2).split('/')[0];
  return VIEWS.includes(name) ? name : 'alarms';
}

function render() {
  const view = currentView();
  for (const v of VIEWS) document.getElementById('view-' + v).hidden = v !== view;
  for (const v of ['alarms', 'wall', 'queue', 'plan', 'import']) document.getElementById('nav-' + v).classList.toggle('active', view === v);
  renderQueue();
  if (view === 'wall') renderWall();
  if (view === 'campus') renderCampus();
  if (view === 'queue') loadQueue().catch(e => alert(e.message));
}

function connectStream() {
  // EventSource reconnects by itself and sends Last-Event-ID, so the hub replays only what was missed.
  const source = new EventSource('/api/events');
  const badge = document.getElementById('stream-state');
  source.onopen = () => { badge.className = 'stream up'; badge.textContent = t('stream.up'); badge.dataset.i18n = 'stream.up'; };
  source.onerror = () => { badge.className = 'stream down'; badge.textContent = t('stream.down'); badge.dataset.i18n = 'stream.down'; };
  source.addEventListener('alarm', e => upsertAlarm(JSON.parse(e.data)));
  source.addEventListener('campus', e => {
    const c = JSON.parse(e.data);
    state.campuses.set(c.id, Object.assign(state.campuses.get(c.id) || {}, c));
    if (currentView() === 'wall') renderWall();
  });
  window.cgStream = source;
}

async function start() {
  document.getElementById('lang').addEventListener('click', () => loadLanguage(state.lang === 'zh-CN' ? 'en' : 'zh-CN'));
  window.addEventListener('hashchange', render);
  document.getElementById('queue-filter').addEventListener('submit', e => { e.preventDefault(); loadQueue().catch(err => alert(err.message)); });
  document.querySelectorAll('#replacement-queue th[data-sort]').forEach(th => th.addEventListener('click', () => {
    queueState.asc = queueState.sort === th.dataset.sort ? !queueState.asc : true;
    queueState.sort = th.dataset.sort;
    renderQueueTable();
  }));
  document.getElementById('plan-form').addEventListener('submit', e => { e.preventDefault(); runPlan().catch(err => alert(err.message)); });
  document.getElementById('import-form').addEventListener('submit', e => { e.preventDefault(); runImport().catch(err => alert(err.message)); });
  setInterval(() => { document.getElementById('clock').textContent = new Date().toLocaleTimeString(state.lang, { hour12: false }); }, 1000);
  await loadLanguage(state.lang);
  const [alarms, campuses] = await Promise.all([api('GET', '/api/alarms?state=active&limit=1000'), api('GET', '/api/campuses')]);
  for (const c of campuses.campuses || []) state.campuses.set(c.id, c);
  for (const a of alarms.alarms || []) state.alarms.set(a.id, a);
  render();
  connectStream();
}

start();
