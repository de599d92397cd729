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
  session: null,          // the signed-in user: id, role, campus, csrfToken, may (capabilities)
};

// Whether the signed-in user's role may do this (the hub decides anyway; the console only hides what would be refused).
function may(capability) {
  return Boolean(state.session && state.session.may.includes(capability));
}

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

// Headers of a request: a state-changing one carries the session's CSRF token (the hub refuses it otherwise).
function apiHeaders(method, contentType) {
  const h = contentType ? { 'Content-Type': contentType } : {};
  if (method !== 'GET' && state.session) h['X-CSRF-Token'] = state.session.csrfToken;
  return h;
}

async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: apiHeaders(method, body ? 'application/json' : null),
    body: body ? JSON.stringify(body) : undefined,
    credentials: 'same-origin',
  });
  if (res.status === 401 && state.session) showLogin('login.expired');
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
        a.state === 'open' && may('ALARM_ACK') ? el('button', { class: 'primary ack', onclick: () => act(a.id, 'ack') }, t('action.ack')) : null,
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
  // Procedures are re-read each time: another operator may have just edited one.
  const [alarm] = await Promise.all([api('GET', '/api/alarms/' + id), loadProcedures()]);
  renderDetail(alarm);
}

function renderDetail(a) {
  const box = document.getElementById('alarm-detail');
  box.hidden = false;
  const steps = procedureSteps(a.type);
  const note = el('textarea', { id: 'resolve-note', placeholder: t('detail.note') });
  const ackNote = el('textarea', { id: 'ack-note', placeholder: t('detail.ackNote') });
  box.replaceChildren(
    el('h3', {}, t('type.' + a.type), ' — ', campusName(a.campus), ' ', a.device),
    el('p', {}, t('state.' + a.state), a.assignee ? ' · ' + t('detail.assignee') + ': ' + a.assignee : '', ' · ', t('detail.occurrences') + ': ' + a.occurrences),
    el('h4', {}, t('detail.cameras')),
    camerasBeside(a.id),
    el('h4', {}, t('detail.procedure')),
    el('ol', { class: 'procedure-steps' }, ...steps.map(s => el('li', {}, s))),
    el('p', {}, el('a', { href: '#/procedures', class: 'edit-procedure' }, t('detail.editProcedure'))),
    el('h4', {}, t('detail.history')),
    el('ul', { class: 'history' }, ...(a.history || []).map(h => el('li', {}, formatTime(h.at), ' ', t('history.' + h.action), ' · ', h.actor, h.note ? ' · ' + h.note : ''))),
    a.state !== 'resolved' ? el('div', {},
      a.state === 'open' && may('ALARM_ACK') ? ackNote : null,
      a.state === 'open' && may('ALARM_ACK') ? el('button', { class: 'primary ack-detail', onclick: () => act(a.id, 'ack', { note: ackNote.value || undefined }) }, t('action.ack')) : null, ' ',
      may('ALARM_MANAGE') ? el('button', { class: 'assign', onclick: () => act(a.id, 'assign') }, t('action.assign')) : null, ' ',
      may('ALARM_MANAGE') ? note : null,
      may('ALARM_MANAGE') ? el('button', { class: 'resolve', onclick: () => act(a.id, 'resolve', { note: note.value }) }, t('action.resolve')) : null) : null,
    el('button', { class: 'close', onclick: () => {
      state.detailId = null;
      box.hidden = true;
      if (location.hash.startsWith('#/alarms/')) history.replaceState(null, '', '#/alarms');
    } }, t('action.close')));
}

// The cameras of the alarm's room or linkage group, each with its state and a link to the video platform's live view.
function camerasBeside(id) {
  const list = el('ul', { class: 'cameras-beside', id: 'cameras-beside' }, el('li', { class: 'empty' }, '…'));
  api('GET', '/api/alarms/' + id + '/cameras').then(data => {
    const cams = data.cameras || [];
    list.replaceChildren(...(cams.length === 0 ? [el('li', { class: 'empty' }, t('detail.noCameras'))] : cams.map(c =>
      el('li', { class: 'camera ' + c.status, 'data-camera': c.id },
        el('span', { class: 'dot ' + c.status }), ' ', c.name || c.id, ' · ', [c.building, c.room].filter(Boolean).join(' '), ' · ',
        t('camera.' + c.status), c.alarms.length ? ' (' + c.alarms.map(x => t('type.' + x)).join(', ') + ')' : '', ' ',
        c.liveUrl ? el('a', { href: c.liveUrl, target: '_blank', rel: 'noopener', class: 'live' }, t('camera.live')) : null))));
  }).catch(e => list.replaceChildren(el('li', { class: 'error-row' }, e.message)));
  return list;
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

// ---- campus page: campus.js; procedures: procedures.js ----

// ---- "four 100%" board, test mode, cameras, canteens ----

function percent(r) {
  return r.ratio === null || r.ratio === undefined ? '—' : (100 * r.ratio).toFixed(r.met ? 0 : 1) + ' %';
}

function ratioCell(r, cls) {
  return el('td', { class: 'ratio ' + cls + ' ' + (r.met ? 'met' : (r.total === 0 ? 'none' : 'unmet')) },
    percent(r), el('small', {}, ' ', r.ok, '/', r.total));
}

function bigBox(label, r, id) {
  return el('div', { class: 'box big ' + (r.met ? 'met' : 'unmet'), id }, label, el('b', {}, percent(r)), el('small', {}, r.ok, ' / ', r.total));
}

async function renderBoard() {
  const b = await api('GET', '/api/board');
  if (currentView() !== 'board') return;
  const rows = b.campuses.map(c => el('tr', { 'data-campus': c.id, class: c.allMet ? 'met' : '' },
    el('td', {}, el('a', { href: '#/campus/' + c.id }, c.name || c.id), el('br'), el('small', {}, c.town)),
    ratioCell(c.panicLinked, 'linked'),
    ratioCell(c.videoOnline, 'video'),
    ratioCell(c.panicTested, 'tested'),
    el('td', { class: 'testmode' }, !may('TEST_MODE') ? (c.testModeUntil ? el('span', { class: 'testing' }, t('board.testingUntil', { until: new Date(c.testModeUntil).toLocaleTimeString(state.lang, { hour12: false }) })) : '') :
      c.testModeUntil
        ? el('span', {}, el('span', { class: 'testing' }, t('board.testingUntil', { until: new Date(c.testModeUntil).toLocaleTimeString(state.lang, { hour12: false }) })),
          ' ', el('button', { class: 'end-test', onclick: () => endTestMode(c.id) }, t('board.endTest')))
        : el('button', { class: 'start-test', onclick: () => startTestMode(c.id, 30) }, t('board.startTest', { minutes: 30 })))));
  document.getElementById('board').replaceChildren(
    el('p', { class: 'empty' }, t('board.explain', { quarter: b.quarter })),
    el('div', { class: 'summary' },
      bigBox(t('board.panicLinked'), b.county.panicLinked, 'county-linked'),
      bigBox(t('board.videoOnline'), b.county.videoOnline, 'county-video'),
      bigBox(t('board.panicTested'), b.county.panicTested, 'county-tested'),
      el('div', { class: 'box big', id: 'county-allmet' }, t('board.campusesAllMet'), el('b', {}, b.county.campusesAllMet, ' / ', b.county.campuses))),
    el('table', { class: 'queue', id: 'board-table' },
      el('thead', {}, el('tr', {}, ...['board.campus', 'board.panicLinked', 'board.videoOnline', 'board.panicTested', 'board.testMode'].map(k => el('th', {}, t(k))))),
      el('tbody', {}, ...rows)));
}

// Ends the window now, before it expires: from then on a press is an emergency again.
async function endTestMode(campus) {
  try {
    await api('POST', '/api/campuses/' + encodeURIComponent(campus) + '/test-mode/end');
    await renderBoard();
  } catch (e) {
    alert(e.message);
  }
}

async function startTestMode(campus, minutes) {
  try {
    await api('POST', '/api/campuses/' + encodeURIComponent(campus) + '/test-mode', { minutes });
    await renderBoard();
  } catch (e) {
    alert(e.message);
  }
}

async function renderCameras() {
  const data = await api('GET', '/api/cameras');
  if (currentView() !== 'cameras') return;
  const problems = data.campuses.filter(c => c.offline.length || c.videoLoss.length || c.nvrsDown.length);
  const list = (cls, ids) => el('ul', { class: 'ids ' + cls }, ...ids.map(id => el('li', { 'data-camera': id }, id)));
  document.getElementById('cameras').replaceChildren(
    el('div', { class: 'summary' }, bigBox(t('cameras.county'), data.county, 'cameras-county')),
    el('h3', {}, t('cameras.problems'), ' (', problems.length, ')'),
    ...(problems.length === 0 ? [el('p', { class: 'empty' }, t('cameras.allOnline'))] : []),
    ...problems.map(c => el('div', { class: 'camera-campus', 'data-campus': c.id },
      el('h4', {}, c.name || c.id, ' · ', percent(c.online), ' (', c.online.ok, '/', c.online.total, ')'),
      ...c.nvrsDown.map(n => el('div', { class: 'nvr-down', 'data-nvr': n.nvr },
        el('b', {}, t('cameras.nvrDown', { nvr: n.nvr, count: n.cameras.length })), list('under-nvr', n.cameras))),
      c.offline.length ? el('div', { class: 'offline' }, el('b', {}, t('cameras.offline'), ' (', c.offline.length, ')'), list('offline', c.offline)) : null,
      c.videoLoss.length ? el('div', { class: 'video-loss' }, el('b', {}, t('cameras.videoLoss'), ' (', c.videoLoss.length, ')'), list('video-loss', c.videoLoss)) : null)),
    el('h3', {}, t('cameras.byCampus')),
    el('table', { class: 'queue', id: 'camera-table' },
      el('thead', {}, el('tr', {}, ...['board.campus', 'cameras.online'].map(k => el('th', {}, t(k))))),
      el('tbody', {}, ...data.campuses.map(c => el('tr', { 'data-campus': c.id }, el('td', {}, c.name || c.id), ratioCell(c.online, 'video'))))));
}

// ---- charts: one helper over uPlot (its WebJar, served at /console/lib/uplot/) for every page ----

function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

// A time-series chart. o: { cls, id, device, width, height, since, until (ms), series: [{ label, points: [[ms, value]],
// colour }], threshold: { value, label }, bands: [[ms, ms]], yRange: [lo, hi], log, dates, markers }.
// uPlot draws on a canvas, so what the page shows is also kept on the container as data attributes (for the
// browser tests): data-points (first series), data-series (labels of series with points), data-threshold,
// data-bands and, with markers, data-values.
function timeChart(o) {
  const first = o.series[0].points;
  const box = el('div', {
    class: 'chart ' + (o.cls || ''), id: o.id, 'data-device': o.device, 'data-points': first.length,
    'data-series': o.series.filter(s => s.points.length).map(s => s.label).join(' '),
    'data-threshold': o.threshold ? o.threshold.value : null, 'data-bands': (o.bands || []).length,
    'data-values': o.markers ? first.map(p => p[1]).join(',') : null });
  // uPlot wants one x array shared by every series: the union of the timestamps, gaps where a series has none.
  const xs = [...new Set(o.series.flatMap(s => s.points.map(p => p[0])))].sort((a, b) => a - b);
  const data = [xs.map(x => x / 1000), ...o.series.map(s => {
    const byX = new Map(s.points.map(p => [p[0], p[1]]));
    return xs.map(x => (byX.has(x) ? byX.get(x) : null));
  })];
  const red = cssVar('--red'), muted = cssVar('--muted'), line = cssVar('--line');
  const inPlot = (u, draw) => {
    const c = u.ctx;
    c.save();
    c.beginPath();
    c.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
    c.clip();
    draw(c);
    c.restore();
  };
  const fmt = v => (o.dates
    ? new Date(v * 1000).toLocaleDateString(state.lang)
    : new Date(v * 1000).toLocaleTimeString(state.lang, { hour: '2-digit', minute: '2-digit', hour12: false }));
  const axis = { stroke: muted, grid: { stroke: line, width: 1 }, ticks: { stroke: line, width: 1 }, font: '10px sans-serif' };
  const opts = {
    width: o.width, height: o.height,
    legend: { show: false },
    cursor: { show: false },
    scales: {
      x: { time: true, range: () => [o.since / 1000, o.until / 1000] },
      y: o.log ? { distr: 3, log: 10, range: () => o.yRange } : { range: (u, lo, hi) => o.yRange || paddedRange(lo, hi, o.threshold) },
    },
    axes: [
      // A label repeated from the tick before (several ticks a day on a dates axis) is left out.
      Object.assign({}, axis, { space: o.dates ? 90 : 50, values: (u, splits) => splits.map(fmt).map((s, i, all) => (i > 0 && all[i - 1] === s ? '' : s)) }),
      // A log axis has its ticks, grid and labels at the powers of ten only.
      Object.assign({}, axis, { size: 56, values: (u, splits) => splits.map(v => (v === null ? '' : +v.toFixed(1))) },
        o.log ? { splits: (u, i, lo, hi) => powersOfTen(lo, hi) } : {}),
    ],
    series: [{}, ...o.series.map(s => ({ label: s.label, stroke: s.colour || '#0b3d91', width: 1.5, spanGaps: true,
      points: { show: Boolean(o.markers) && s.points.length <= 60, size: 5, fill: s.colour || '#0b3d91' } }))],
    hooks: {
      // Bands under the series, the threshold over them, both clipped to the plot.
      drawAxes: [u => inPlot(u, c => {
        c.fillStyle = '#fde2e0';
        for (const [b0, b1] of o.bands || []) {
          const x0 = u.valToPos(b0 / 1000, 'x', true), x1 = u.valToPos(b1 / 1000, 'x', true);
          c.fillRect(x0, u.bbox.top, Math.max(devicePixelRatio, x1 - x0), u.bbox.height);
        }
      })],
      draw: [u => {
        if (!o.threshold) return;
        const y = u.valToPos(o.threshold.value, 'y', true);
        inPlot(u, c => {
          c.strokeStyle = red;
          c.fillStyle = red;
          c.lineWidth = 1.5 * devicePixelRatio;
          c.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio]);
          c.beginPath();
          c.moveTo(u.bbox.left, y);
          c.lineTo(u.bbox.left + u.bbox.width, y);
          c.stroke();
          c.font = (11 * devicePixelRatio) + 'px sans-serif';
          c.textAlign = 'right';
          c.fillText(o.threshold.label, u.bbox.left + u.bbox.width - 4 * devicePixelRatio, y - 4 * devicePixelRatio);
        });
      }],
    },
  };
  new uPlot(opts, data, box);
  return box;
}

function powersOfTen(lo, hi) {
  const out = [];
  for (let e = Math.ceil(Math.log10(lo) - 1e-9); e <= Math.floor(Math.log10(hi) + 1e-9); e++) out.push(Math.pow(10, e));
  return out;
}

// The values and the threshold with a tenth (at least 1) of room above and below.
function paddedRange(lo, hi, threshold) {
  const vals = [lo, hi, threshold ? threshold.value : null].filter(v => v !== null && v !== undefined && isFinite(v));
  if (vals.length === 0) return [0, 1];
  const a = Math.min(...vals), b = Math.max(...vals);
  const pad = Math.max(1, (b - a) * 0.1);
  return [a - pad, b + pad];
}

// A canteen sensor's 24 hours with its limit as a dashed red line and its excursions shaded.
function chart(points, sensor, since, until) {
  const limit = sensor.threshold.limit;
  return timeChart({
    device: sensor.id, width: 640, height: 180, since: Date.parse(since), until: Date.parse(until),
    series: [{ label: sensor.quantity, points: points.map(p => [Date.parse(p[0]), p[1]]) }],
    threshold: { value: limit, label: t('canteen.limit', { limit, unit: unitText(sensor.unit) }) },
    bands: sensor.excursions.map(e => [Date.parse(e.start), Date.parse(e.end || until)]),
  });
}

function unitText(unit) {
  return unit === 'degC' ? '°C' : unit;
}

function formatDuration(s) {
  if (s < 60) return s + 's';
  const m = Math.floor(s / 60);
  return m < 60 ? m + 'min' : Math.floor(m / 60) + 'h ' + (m % 60) + 'min';
}

async function renderCanteens() {
  const select = document.querySelector('#canteen-pick select');
  const ids = [...state.campuses.keys()].sort();
  const id = location.hash.split('/')[2] || ids[0];
  if (select.options.length !== ids.length) {
    select.replaceChildren(...ids.map(c => el('option', { value: c }, campusName(c) + ' (' + c + ')')));
  }
  if (!id) return;
  select.value = id;
  const c = await api('GET', '/api/canteens/' + encodeURIComponent(id));
  const series = await Promise.all(c.sensors.map(s =>
    api('GET', '/api/devices/' + encodeURIComponent(s.id) + '/series?measurement=canteen&quantity=' + s.quantity).then(r => r.points)));
  if (currentView() !== 'canteens') return;
  const ORDER = { cold_store_sensor: 0, freezer_sensor: 1, gas_sensor: 2 };
  const sensors = c.sensors.map((s, i) => ({ s, points: series[i] })).sort((a, b) => ORDER[a.s.type] - ORDER[b.s.type] || a.s.id.localeCompare(b.s.id));
  // Gas is shown by its alarms; the excursion record is the food-safety one, of cold stores and freezers.
  const excursionRows = sensors.filter(x => x.s.type !== 'gas_sensor').flatMap(({ s }) => s.excursions.map(e => el('tr', { 'data-device': s.id, class: e.sustained ? 'sustained' : '' },
    el('td', {}, t('sensor.' + s.type), el('br'), el('small', {}, s.id)),
    el('td', {}, formatTime(e.start)),
    el('td', {}, e.end ? formatTime(e.end) : el('span', { class: 'late' }, t('canteen.ongoing'))),
    el('td', {}, formatDuration(e.durationS)),
    el('td', {}, e.peak.toFixed(1), ' ', unitText(s.unit)))));
  document.getElementById('canteen').replaceChildren(
    el('h2', {}, campusName(id), ' · ', t('canteen.last24h')),
    el('div', { class: 'charts' }, ...sensors.filter(x => x.s.type !== 'gas_sensor').map(({ s, points }) => el('figure', { class: 'sensor', 'data-device': s.id },
      el('figcaption', {}, t('sensor.' + s.type), ' · ', s.id, ' · ', t('canteen.readings', { n: s.readings })), chart(points, s, c.since, c.until)))),
    el('h3', {}, t('canteen.excursions'), ' (', excursionRows.length, ')'),
    excursionRows.length === 0 ? el('p', { class: 'empty' }, t('canteen.noExcursions')) : el('table', { class: 'queue', id: 'excursions' },
      el('thead', {}, el('tr', {}, ...['canteen.sensor', 'canteen.start', 'canteen.end', 'canteen.duration', 'canteen.peak'].map(k => el('th', {}, t(k))))),
      el('tbody', {}, ...excursionRows)),
    el('h3', {}, t('canteen.gas'), ' (', c.gasAlarms.length, ')'),
    c.gasAlarms.length === 0 ? el('p', { class: 'empty' }, t('canteen.noGas')) : el('table', { class: 'queue', id: 'gas-alarms' },
      el('tbody', {}, ...c.gasAlarms.map(a => el('tr', { 'data-alarm': a.id, class: a.severity },
        el('td', { class: 'sev ' + a.severity }, a.severity), el('td', {}, t('type.' + a.type)), el('td', {}, a.device),
        el('td', {}, formatTime(a.openedAt)), el('td', {}, t('state.' + a.state)))))),
    ...sensors.filter(x => x.s.type === 'gas_sensor').map(({ s, points }) => el('figure', { class: 'sensor', 'data-device': s.id },
      el('figcaption', {}, t('sensor.' + s.type), ' · ', s.id), chart(points, s, c.since, c.until))));
}

// ---- the IT staff's pages (queue, plan, import, device) live in it.js ----

// ---- routing, stream, start ----

const VIEWS = ['alarms', 'wall', 'campus', 'board', 'cameras', 'canteens', 'procedures', 'roster', 'queue', 'plan', 'import'];
// Pages defined in other scripts (it.js) register here: view name -> function that renders it.
const VIEW_RENDERERS = {};

function currentView() {
  const h = location.hash || '#/alarms';
  const name = h.slice(2).split('/')[0];
  return VIEWS.includes(name) ? name : 'alarms';
}

// Which capability each page needs; a page the role may not use is not offered.
const VIEW_NEEDS = { alarms: 'ALARM_READ', wall: 'CAMPUS_READ', board: 'CAMPUS_READ', cameras: 'CAMPUS_READ', canteens: 'CAMPUS_READ',
  procedures: 'PROCEDURE_READ', roster: 'ROSTER_READ', queue: 'ASSET_READ', plan: 'ASSET_WRITE', import: 'ASSET_WRITE' };

function render() {
  if (!state.session) return;
  document.getElementById('who').textContent = state.session.id + ' · ' + t('role.' + state.session.role);
  const view = currentView();
  for (const v of VIEWS) document.getElementById('view-' + v).hidden = v !== view;
  for (const v of ['alarms', 'wall', 'board', 'cameras', 'canteens', 'procedures', 'roster', 'queue', 'plan', 'import']) document.getElementById('nav-' + v).classList.toggle('active', view === v);
  renderQueue();
  if (view === 'wall') renderWall();
  if (view === 'campus') renderCampus();
  if (view === 'board') renderBoard().catch(e => console.error(e));
  if (view === 'cameras') renderCameras().catch(e => console.error(e));
  if (view === 'canteens') renderCanteens().catch(e => console.error(e));
  if (view === 'procedures') renderProcedures().catch(e => console.error(e));
  if (VIEW_RENDERERS[view]) VIEW_RENDERERS[view]();
  // A notice's link (#/alarms/42: SMS, WeCom, DingTalk, e-mail) opens that alarm's detail.
  const linked = view === 'alarms' ? Number((location.hash.split('/')[2] || '')) : 0;
  if (linked > 0 && state.detailId !== linked) openDetail(linked).catch(e => console.error(e));
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

// ---- signing in and out ----

function showLogin(messageKey) {
  if (window.cgStream) window.cgStream.close();
  window.cgStream = null;
  state.session = null;
  state.alarms.clear();
  state.campuses.clear();
  stopTone();
  document.getElementById('flash').hidden = true;
  document.querySelector('header.top').hidden = true;
  document.querySelector('main').hidden = true;
  document.getElementById('view-login').hidden = false;
  const error = document.getElementById('login-error');
  error.hidden = !messageKey;
  error.textContent = messageKey ? t(messageKey) : '';
  if (messageKey) error.dataset.i18n = messageKey;
}

async function login(e) {
  e.preventDefault();
  const form = document.getElementById('login-form');
  const res = await fetch('/api/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, credentials: 'same-origin',
    body: JSON.stringify({ user: form.user.value.trim(), password: form.password.value }),
  });
  form.password.value = '';
  if (res.status === 429) {
    showLogin(null);
    const error = document.getElementById('login-error');
    error.hidden = false;
    error.textContent = t('login.throttled', { seconds: res.headers.get('Retry-After') || '60' });
    return;
  }
  if (!res.ok) {
    showLogin('login.failed');
    return;
  }
  const session = await res.json();
  if (session.mustChangePassword) {
    // A generated password: the hub answers nothing else until it is changed.
    state.session = session;
    showPasswordForm(true);
    return;
  }
  await signedIn(session);
}

function showPasswordForm(required) {
  document.getElementById('view-login').hidden = false;
  document.getElementById('login-form').hidden = true;
  document.querySelector('header.top').hidden = true;
  document.querySelector('main').hidden = true;
  const form = document.getElementById('password-form');
  form.hidden = false;
  form.reset();
  document.getElementById('password-why').hidden = !required;
  document.getElementById('password-cancel').hidden = required;
  document.getElementById('password-error').hidden = true;
}

function hidePasswordForm() {
  document.getElementById('password-form').hidden = true;
  document.getElementById('login-form').hidden = false;
  document.getElementById('view-login').hidden = true;
  document.querySelector('header.top').hidden = false;
  document.querySelector('main').hidden = false;
}

async function changePassword(e) {
  e.preventDefault();
  const form = document.getElementById('password-form');
  const error = document.getElementById('password-error');
  if (form.next.value !== form.repeat.value) {
    error.hidden = false;
    error.textContent = t('password.mismatch');
    return;
  }
  const res = await fetch('/api/session/password', {
    method: 'POST', headers: apiHeaders('POST', 'application/json'), credentials: 'same-origin',
    body: JSON.stringify({ oldPassword: form.old.value, newPassword: form.next.value }),
  });
  const wasRequired = Boolean(state.session && state.session.mustChangePassword);
  form.reset();
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    error.hidden = false;
    error.textContent = t('password.failed', { error: body.error || res.status });
    return;
  }
  if (wasRequired) {
    document.getElementById('password-form').hidden = true;
    document.getElementById('login-form').hidden = false;
    await signedIn(await api('GET', '/api/session'));
  } else {
    hidePasswordForm();
  }
}

async function logout() {
  try {
    await api('POST', '/api/logout');
  } finally {
    showLogin(null);
  }
}

async function signedIn(session) {
  state.session = session;
  document.getElementById('view-login').hidden = true;
  document.querySelector('header.top').hidden = false;
  document.querySelector('main').hidden = false;
  // The id, not the display name: the page's words follow the language, a person's name does not.
  document.getElementById('who').title = session.displayName || '';
  for (const [view, needs] of Object.entries(VIEW_NEEDS)) document.getElementById('nav-' + view).hidden = !may(needs);
  const [alarms, campuses] = await Promise.all([api('GET', '/api/alarms?state=active&limit=1000'), api('GET', '/api/campuses')]);
  for (const c of campuses.campuses || []) state.campuses.set(c.id, c);
  for (const a of alarms.alarms || []) state.alarms.set(a.id, a);
  render();
  connectStream();
}

async function start() {
  document.getElementById('lang').addEventListener('click', () => loadLanguage(state.lang === 'zh-CN' ? 'en' : 'zh-CN'));
  document.getElementById('login-lang').addEventListener('click', () => loadLanguage(state.lang === 'zh-CN' ? 'en' : 'zh-CN'));
  document.getElementById('login-form').addEventListener('submit', e => login(e).catch(err => console.error(err)));
  document.getElementById('logout').addEventListener('click', () => logout().catch(err => console.error(err)));
  document.getElementById('password-form').addEventListener('submit', e => changePassword(e).catch(err => console.error(err)));
  document.getElementById('password-cancel').addEventListener('click', hidePasswordForm);
  document.getElementById('change-password').addEventListener('click', () => showPasswordForm(false));
  window.addEventListener('hashchange', render);
  document.querySelector('#canteen-pick select').addEventListener('change', e => { location.hash = '#/canteens/' + e.target.value; });
  // The board and cameras are live: device silence is a matter of time, not only of events, so they are re-read.
  setInterval(() => {
    if (document.hidden || !state.session) return;
    if (currentView() === 'board') renderBoard().catch(e => console.error(e));
    if (currentView() === 'cameras') renderCameras().catch(e => console.error(e));
  }, 5000);
  setInterval(() => { document.getElementById('clock').textContent = new Date().toLocaleTimeString(state.lang, { hour12: false }); }, 1000);
  await loadLanguage(state.lang);
  // A page reload keeps the session (its cookie); the CSRF token is read again from the hub.
  const res = await fetch('/api/session', { credentials: 'same-origin' });
  if (!res.ok) {
    showLogin(null);
    return;
  }
  const session = await res.json();
  if (session.mustChangePassword) {
    state.session = session;
    showPasswordForm(true);
  } else {
    await signedIn(session);
  }
}

start();
