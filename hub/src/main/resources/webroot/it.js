// CampusGuard console, the IT staff's pages: the replacement queue, the five-year plan, the asset import and a
// device's page with its health trend. Loaded after app.js and built on its helpers (t, el, api, timeChart, formatTime,
// VIEWS, VIEW_RENDERERS), so the operators' pages and these can change without touching each other.
'use strict';

// The workflow's allowed next steps, as the hub's ReplacementState allows them.
const NEXT = { candidate: ['approved'], approved: ['ordered', 'candidate'], ordered: ['installed'], installed: ['retired'], retired: [] };

// The steps offered as buttons: none to a role that may only read the register (an operator), since approving,
// ordering and the rest are IT's to do and the hub would refuse them.
function nextSteps(replacementState) {
  return may('ASSET_WRITE') ? NEXT[replacementState] : [];
}

function flagBadges(flags, reportedRoom) {
  return (flags || []).map(f => el('span', { class: 'flag', 'data-flag': f }, t('flag.' + f) + (f === 'other_room' && reportedRoom ? ': ' + reportedRoom : '')));
}

function stateBy(r) {
  return r.stateBy ? [el('br'), el('small', { class: 'state-by' }, t('queue.stateBy', { by: r.stateBy, at: formatTime(r.stateAt) }))] : [];
}

// ---- replacement queue, plan and import ----

const queueState = { rows: [], sort: 'rank', asc: true, asked: 0 };

async function loadQueue() {
  const form = new FormData(document.getElementById('queue-filter'));
  const params = new URLSearchParams({ lang: state.lang });
  for (const k of ['campus', 'town', 'category', 'flag']) if (form.get(k)) params.set(k, form.get(k));
  document.getElementById('queue-csv').href = '/api/replacement/queue?format=csv&' + params;
  // Filters clicked in quick succession: only the answer to the latest request is shown.
  const asked = ++queueState.asked;
  const rows = (await api('GET', '/api/replacement/queue?' + params)).queue || [];
  if (asked !== queueState.asked) return;
  queueState.rows = rows;
  renderQueueTable();
}

function renderQueueTable() {
  const rows = [...queueState.rows].sort((a, b) => {
    const x = a[queueState.sort], y = b[queueState.sort];
    const c = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
    return queueState.asc ? c : -c;
  });
  document.querySelector('#replacement-queue tbody').replaceChildren(...rows.slice(0, 500).map(r =>
    el('tr', { 'data-asset': r.assetId },
      el('td', {}, r.rank),
      el('td', {}, el('a', { href: '#/device/' + encodeURIComponent(r.assetId), class: 'asset-link' }, r.assetId), el('br'),
        el('small', {}, r.make + ' ' + r.model + ' · ' + r.room), el('br'), ...flagBadges(r.flags, r.reportedRoom)),
      el('td', {}, r.campusName || r.campus, el('br'), el('small', {}, r.town || '')),
      el('td', {}, t('category.' + r.category)),
      el('td', {}, r.ageYears),
      el('td', {}, r.score),
      el('td', {}, r.health),
      el('td', { class: 'reasons' }, r.reasons.join('；')),
      el('td', { class: 'state' }, t('replacement.' + r.state), ...stateBy(r)),
      el('td', {}, ...nextSteps(r.state).map(to => el('button', { class: 'move', 'data-to': to, onclick: () => moveEntry(r, to) }, t('replacement.to.' + to)))))));
}

async function moveEntry(row, to) {
  try {
    const moved = await api('POST', '/api/replacement/' + encodeURIComponent(row.assetId) + '/state', { to });
    const last = moved.history[moved.history.length - 1];
    Object.assign(row, { state: moved.state, stateBy: last.by, stateAt: last.at });
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
    method: 'POST', headers: apiHeaders('POST', 'text/csv'), body: await file.text(), credentials: 'same-origin' });
  const report = await res.json();
  document.getElementById('import-report').replaceChildren(
    el('p', { class: res.ok ? '' : 'error-row' }, t('import.result', { imported: report.imported, rows: report.rowsRead, errors: (report.errors || []).length })),
    el('table', { class: 'queue', id: 'import-errors' },
      el('thead', {}, el('tr', {}, el('th', {}, t('import.row')), el('th', {}, t('import.field')), el('th', {}, t('import.message')))),
      el('tbody', {}, ...(report.errors || []).map(e => el('tr', { class: 'error-row' }, el('td', {}, e.row), el('td', {}, e.field), el('td', {}, e.message))))));
}

// ---- a device's page: record, health with reasons, telemetry facts, health trend, workflow, faults, repairs ----

async function renderDevice() {
  const id = decodeURIComponent(location.hash.split('/')[2] || '');
  const box = document.getElementById('device');
  const [d, trend] = await Promise.all([
    api('GET', '/api/assets/' + encodeURIComponent(id) + '?lang=' + state.lang),
    api('GET', '/api/assets/' + encodeURIComponent(id) + '/trend?days=365').catch(() => ({ points: [] })),
  ]);
  const a = d.asset;
  const f = d.facts;
  const value = v => (v === null || v === undefined ? '—' : v);
  const factKeys = ['powerOnHours', 'lampHours', 'panelHours', 'diskHealth', 'bootFailures', 'crashes', 'temperature', 'daysOffline', 'openFaults', 'pastFaults', 'repairs'];
  const row = { assetId: a.assetId, state: d.replacement.state };
  box.replaceChildren(
    el('p', {}, el('a', { href: '#/queue' }, t('device.back'))),
    el('h2', {}, a.assetId, ' · ', a.make + ' ' + a.model, ' ', ...flagBadges(d.flags, d.reportedRoom)),
    el('div', { class: 'device-grid' },
      el('div', {},
        el('h3', {}, t('device.record')),
        el('div', { class: 'kv', id: 'device-record' },
          el('span', {}, t('device.campus')), el('span', {}, (a.campusName || a.campus) + (a.town ? ' · ' + a.town : '')),
          el('span', {}, t('device.room')), el('span', {}, a.room),
          el('span', {}, t('device.reportedFrom')), el('span', { id: 'device-reported' }, [d.reportedCampus, d.reportedRoom].filter(Boolean).join(' · ') || '—'),
          el('span', {}, t('device.category')), el('span', {}, t('category.' + a.category)),
          el('span', {}, t('device.purchaseDate')), el('span', {}, a.purchaseDate),
          el('span', {}, t('device.age')), el('span', {}, a.ageYears),
          el('span', {}, t('device.price')), el('span', {}, Number(a.price).toLocaleString(state.lang)),
          el('span', {}, t('device.warranty')), el('span', {}, a.warrantyEnd || '—'),
          el('span', {}, t('device.lastSeen')), el('span', {}, d.lastSeen ? formatTime(d.lastSeen) : t('device.never'))),
        el('h3', {}, t('device.facts')),
        el('div', { class: 'kv', id: 'device-facts' }, ...factKeys.flatMap(k => [el('span', {}, t('fact.' + k)), el('span', { 'data-fact': k }, value(f[k]))]))),
      el('div', {},
        el('h3', {}, t('device.health')),
        el('p', {}, el('span', { class: 'health-score', id: 'device-health' }, d.health.score), ' / 100'),
        el('h4', {}, t('device.healthReasons')),
        d.health.reasons.length
          ? el('ul', { id: 'device-reasons' }, ...d.health.reasons.map(r => el('li', {}, r.text, r.points ? el('small', {}, ' (−' + r.points + ')') : null)))
          : el('p', { class: 'empty' }, t('device.noReasons')),
        el('h3', {}, t('device.trend')),
        trend.points.length ? healthChart(trend.points) : el('p', { class: 'empty', id: 'device-no-trend' }, t('device.noTrend')))),
    el('h3', {}, t('device.replacement')),
    el('p', {}, t('device.replacementScore', { score: d.replacement.score }), d.replacement.atRisk ? el('span', { class: 'flag' }, t('device.atRisk')) : null,
      ' · ', t('replacement.' + d.replacement.state), ' ',
      ...nextSteps(d.replacement.state).map(to => el('button', { class: 'move', 'data-to': to, onclick: () => moveEntry(row, to).then(renderDevice) }, t('replacement.to.' + to)))),
    el('ul', { class: 'reasons', id: 'device-factors' }, ...d.replacement.reasons.map(r => el('li', {}, r))),
    el('h4', {}, t('device.history')),
    d.replacement.history.length
      ? el('ol', { id: 'device-history' }, ...d.replacement.history.map(h =>
        el('li', {}, t('replacement.' + h.from), ' → ', t('replacement.' + h.to), ' · ', h.by, ' · ', formatTime(h.at), h.note ? ' · ' + h.note : '')))
      : el('p', { class: 'empty' }, t('device.noHistory')),
    el('h3', {}, t('device.faults')),
    d.faults.length
      ? el('table', { class: 'queue', id: 'device-faults' },
        el('thead', {}, el('tr', {}, el('th', {}, t('col.type')), el('th', {}, t('col.severity')), el('th', {}, t('col.state')), el('th', {}, t('col.opened')), el('th', {}, t('device.resolved')))),
        el('tbody', {}, ...d.faults.map(x => el('tr', {},
          el('td', {}, t('type.' + x.type)), el('td', {}, x.severity), el('td', {}, t('state.' + x.state)), el('td', {}, formatTime(x.openedAt)), el('td', {}, formatTime(x.resolvedAt))))))
      : el('p', { class: 'empty' }, t('device.noFaults')),
    ...repairsSection(a.assetId, d.repairs || []),
    el('h3', {}, t('device.profile')),
    el('div', { id: 'device-profile' }, el('p', { class: 'empty' }, '—')));
  profileSection(a.assetId, a.campus).catch(() => {});
}

// The profile the campus's gateway runs for this device (its own override, its type's on the campus, or the
// county's default), as the gateway's heartbeat reports it through the campus API.
async function profileSection(id, campus) {
  const enc = encodeURIComponent(campus);
  const [c, devices] = await Promise.all([
    api('GET', '/api/campuses/' + enc),
    api('GET', '/api/devices?campus=' + enc).then(r => r.devices || []),
  ]);
  const profiles = c.gateway && c.gateway.profiles;
  const known = devices.find(x => x.id === id);
  const p = profiles && (profiles.devices[id] || (known && known.deviceType ? profiles.types[known.deviceType] : null));
  const box = document.getElementById('device-profile');
  if (!box) return;
  if (!p) {
    box.replaceChildren(el('p', { class: 'empty' }, t('profile.unknown')));
    return;
  }
  const secs = ms => (ms / 1000) + ' s';
  box.replaceChildren(
    el('div', { class: 'kv' },
      el('span', {}, t('profile.source')), el('span', { 'data-profile': 'source' }, t('profile.source.' + p.source)),
      el('span', {}, t('profile.reportingInterval')), el('span', { 'data-profile': 'reportingInterval' }, secs(p.reportingIntervalMs)),
      el('span', {}, t('profile.silenceLimit')), el('span', { 'data-profile': 'silenceLimit' }, secs(p.silenceLimitMs)),
      el('span', {}, t('profile.debounce')), el('span', { 'data-profile': 'debounce' }, p.debounceMs === undefined ? t('profile.campusDebounce') : secs(p.debounceMs)),
      el('span', {}, t('profile.parentSuppression')), el('span', { 'data-profile': 'parentSuppression' }, t(p.parentSuppression ? 'profile.yes' : 'profile.no'))),
    p.thresholds.length
      ? el('table', { class: 'queue', id: 'device-thresholds' },
        el('thead', {}, el('tr', {}, el('th', {}, t('col.type')), el('th', {}, t('profile.raise')), el('th', {}, t('profile.clear')))),
        el('tbody', {}, ...p.thresholds.map(x => el('tr', { 'data-threshold': x.alarmType },
          el('td', {}, t('type.' + x.alarmType)),
          el('td', {}, t('profile.' + x.direction), ' ', x.raiseAt, ' · ', secs(x.raiseAfterMs)),
          el('td', {}, t('profile.' + (x.direction === 'above' ? 'below' : 'above')), ' ', x.clearAt, ' · ', secs(x.clearAfterMs))))))
      : el('p', { class: 'empty' }, t('profile.noThresholds')));
}

// The repairs IT staff recorded, latest first, and a form to record one; the page is rebuilt after recording,
// so the repair count, score and reasons shown are the hub's.
function repairsSection(assetId, repairs) {
  const today = new Date().toISOString().slice(0, 10);
  const error = el('p', { class: 'error-row', id: 'repair-error', hidden: '' });
  const form = el('form', { id: 'repair-form' },
    el('label', {}, t('repair.on'), ' ', el('input', { type: 'date', name: 'repairedOn', required: '', max: today, value: today })), ' ',
    el('label', {}, t('repair.note'), ' ', el('input', { type: 'text', name: 'note', required: '', maxlength: 500, size: 30 })), ' ',
    el('label', {}, t('repair.cost'), ' ', el('input', { type: 'number', name: 'cost', min: 0, step: '0.01' })), ' ',
    el('button', { type: 'submit' }, t('repair.record')));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const body = { repairedOn: form.repairedOn.value, note: form.note.value };
    if (form.cost.value !== '') body.cost = Number(form.cost.value);
    try {
      await api('POST', '/api/assets/' + encodeURIComponent(assetId) + '/repairs', body);
      await renderDevice();
    } catch (err) {
      error.textContent = err.message;
      error.hidden = false;
    }
  });
  return [
    el('h3', {}, t('device.repairs')),
    repairs.length
      ? el('table', { class: 'queue', id: 'device-repairs' },
        el('thead', {}, el('tr', {}, el('th', {}, t('repair.on')), el('th', {}, t('repair.note')), el('th', {}, t('repair.amount')), el('th', {}, t('repair.by')))),
        el('tbody', {}, ...repairs.map(r => el('tr', {},
          el('td', {}, r.repairedOn), el('td', {}, r.note), el('td', {}, r.cost === null ? '—' : Number(r.cost).toLocaleString(state.lang)),
          el('td', {}, r.recordedBy, el('br'), el('small', {}, formatTime(r.recordedAt)))))))
      : el('p', { class: 'empty', id: 'device-no-repairs' }, t('device.noRepairs')),
    // Recording a repair is IT's too.
    may('ASSET_WRITE') ? form : null, error];
}

// Health 0..100 over time as a red line with a marker per report (up to 60), on app.js's chart helper.
function healthChart(points) {
  const series = points.map(p => [Date.parse(p.ts), p.health]);
  const t0 = series[0][0], t1 = Math.max(t0 + 1, series[series.length - 1][0]);
  return timeChart({
    cls: 'health', id: 'device-trend', width: 560, height: 200, since: t0, until: t1, yRange: [0, 100], dates: true, markers: true,
    series: [{ label: 'health', points: series, colour: cssVar('--red') }],
  });
}

// ---- wiring into app.js's router ----

VIEWS.push('device');
VIEW_RENDERERS.queue = () => loadQueue().catch(e => alert(e.message));
VIEW_RENDERERS.device = () => renderDevice().catch(e => {
  document.getElementById('device').replaceChildren(el('p', { class: 'error-row' }, e.message));
});
document.getElementById('queue-filter').addEventListener('submit', e => { e.preventDefault(); loadQueue().catch(err => alert(err.message)); });
document.querySelectorAll('#replacement-queue th[data-sort]').forEach(th => th.addEventListener('click', () => {
  queueState.asc = queueState.sort === th.dataset.sort ? !queueState.asc : true;
  queueState.sort = th.dataset.sort;
  renderQueueTable();
}));
document.getElementById('plan-form').addEventListener('submit', e => { e.preventDefault(); runPlan().catch(err => alert(err.message)); });
document.getElementById('import-form').addEventListener('submit', e => { e.preventDefault(); runImport().catch(err => alert(err.message)); });
// app.js may have rendered before this script registered its pages: render ours now.
if (state.text.title && ['queue', 'device'].includes(currentView())) render();
