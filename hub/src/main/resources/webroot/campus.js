// CampusGuard console: one campus's page (its alarms, devices, link, canteen, cameras and the last 24 hours).
// Loaded before app.js, whose helpers (state, t, el, api, formatTime, ...) it uses when called. Every word comes
// from i18n/<lang>.json.
'use strict';

const campusPage = { id: null, lang: null, timeline: [], next: null, paged: false, timer: null };

// Called by app.js on navigation and on every live alarm change: changes come in bursts, so a redraw is
// coalesced into one at most every 1.5 s.
function renderCampus() {
  const id = location.hash.split('/')[2];
  if (!id) return;
  if (campusPage.id !== id || campusPage.lang !== state.lang) {
    Object.assign(campusPage, { id, lang: state.lang, timeline: [], next: null, paged: false });
    document.getElementById('campus').replaceChildren(el('p', { class: 'empty' }, t('campus.loading')));
    drawCampus(id).catch(e => console.error(e));
    return;
  }
  if (campusPage.timer) return;
  campusPage.timer = setTimeout(() => {
    campusPage.timer = null;
    if (currentView() === 'campus') drawCampus(campusPage.id).catch(e => console.error(e));
  }, 1500);
}

async function drawCampus(id) {
  const enc = encodeURIComponent(id);
  const series = q => api('GET', '/api/devices/' + enc + '/series?' + q).then(r => r.points).catch(() => []);
  const [c, active, devices, canteen, cameras, timeline, p50, p99, up] = await Promise.all([
    api('GET', '/api/campuses/' + enc),
    // Its own read: the page may be opened before the queue has loaded the county's alarms.
    api('GET', '/api/alarms?state=active&limit=1000&campus=' + enc).then(r => r.alarms || []),
    api('GET', '/api/devices?campus=' + enc).then(r => r.devices || []),
    api('GET', '/api/canteens/' + enc).catch(() => null),
    api('GET', '/api/cameras?campus=' + enc).then(r => (r.campuses || [])[0] || null).catch(() => null),
    // Once the operator has paged back, a live change must not throw their place away.
    campusPage.paged ? Promise.resolve(null) : api('GET', '/api/campuses/' + enc + '/timeline?limit=50'),
    // The hub keeps the link's quality as time series (the campus id is their device): the last 24 h of it.
    series('measurement=path_latency&quantity=p50_ms'),
    series('measurement=path_latency&quantity=p99_ms'),
    series('measurement=link_availability&quantity=up'),
  ]);
  if (currentView() !== 'campus' || campusPage.id !== id) return;
  state.campuses.set(c.id, Object.assign(state.campuses.get(c.id) || {}, c));
  if (timeline) {
    campusPage.timeline = timeline.entries;
    campusPage.next = timeline.next;
  }
  for (const a of active) state.alarms.set(a.id, Object.assign(state.alarms.get(a.id) || {}, a));
  const alarms = activeAlarms().filter(a => a.campus === id);
  document.getElementById('campus').replaceChildren(
    el('p', {}, el('a', { href: '#/wall' }, t('campus.back'))),
    el('h2', {}, c.name || c.id, ' ', el('small', {}, c.id, ' · ', c.town || ''), ' ', el('span', { class: 'tile-dot ' + c.colour, 'data-colour': c.colour })),
    el('div', { class: 'campus-grid' },
      el('section', { class: 'card', id: 'campus-link' }, el('h3', {}, t('campus.link')), linkBlock(c), linkHistory(p50, p99, up)),
      el('section', { class: 'card', id: 'campus-alarms' }, el('h3', {}, t('campus.alarms'), ' (', alarms.length, ')'), alarmsBlock(alarms)),
      el('section', { class: 'card', id: 'campus-devices' }, el('h3', {}, t('campus.devices'), ' (', devices.length, ')'), devicesBlock(devices, alarms)),
      el('section', { class: 'card', id: 'campus-cameras' }, el('h3', {}, t('campus.cameras')), camerasBlock(cameras)),
      el('section', { class: 'card', id: 'campus-canteen' }, el('h3', {}, t('campus.canteen'), ' ',
        el('a', { href: '#/canteens/' + id, class: 'more' }, t('campus.canteenCharts'))), canteenBlock(canteen))),
    el('section', { class: 'card', id: 'campus-timeline' }, el('h3', {}, t('campus.timeline')), timelineBlock()));
}

function linkBlock(c) {
  const gw = c.gateway;
  const backlog = gw && gw.lanes ? Object.values(gw.lanes).reduce((n, l) => n + (l.depth || 0), 0) : null;
  return el('div', { class: 'kv' },
    el('span', {}, t('campus.linkState')), el('span', { class: 'link-state ' + c.linkState }, t('link.' + c.linkState)),
    el('span', {}, t('campus.lastHeartbeat')), el('span', { id: 'campus-heartbeat' }, c.lastHeartbeatAt ? formatTime(c.lastHeartbeatAt) : '—'),
    el('span', {}, t('campus.latency')), el('span', { id: 'campus-latency' }, c.latency ? c.latency.p50Ms + ' ms / ' + c.latency.p99Ms + ' ms' : '—',
      c.latency ? el('small', {}, ' ', t('campus.samples', { n: c.latency.samples })) : null),
    el('span', {}, t('campus.availability')), el('span', { id: 'campus-availability' }, typeof c.availability === 'number' ? (100 * c.availability).toFixed(2) + ' %' : '—'),
    el('span', {}, t('campus.gateway')), el('span', {}, gw ? t('gateway.' + gw.state) : '—'),
    el('span', {}, t('campus.backlog')), el('span', {}, backlog === null ? '—' : t('campus.backlogEvents', { n: backlog })),
    el('span', {}, t('campus.connectors')), connectorsBlock(gw),
    el('span', {}, t('campus.deviceInput')), deviceInputBlock(gw));
}

// Each way in of the gateway (campus broker, OPC UA endpoints, …) with why it is not up, as its heartbeat says.
function connectorsBlock(gw) {
  if (!gw || !gw.connectors) return el('span', { id: 'campus-connectors' }, '—');
  const reasons = gw.connectorReasons || {};
  return el('ul', { class: 'ids', id: 'campus-connectors' }, ...Object.entries(gw.connectors).sort().map(([name, s]) =>
    el('li', { 'data-connector': name, class: s === 'up' ? 'met' : 'unmet' }, name, ': ', t('connector.' + s),
      reasons[name] ? el('small', {}, ' (', reasons[name], ')') : null)));
}

// What the gateway refused of its devices (bad payloads, another campus's topic, refused logins): counted, the newest with why.
function deviceInputBlock(gw) {
  const d = gw && gw.deviceInput;
  if (!d) return el('span', { id: 'campus-device-input' }, '—');
  return el('div', { id: 'campus-device-input', class: d.refused || d.brokerRefusals ? 'unmet' : '' },
    t('campus.deviceInputCount', { refused: d.refused, broker: d.brokerRefusals }),
    d.recent && d.recent.length ? el('ul', { class: 'refusals' }, ...d.recent.map(r =>
      el('li', { 'data-source': r.source }, r.source, ' · ', r.field, ' · ', r.reason, r.detail ? ' (' + r.detail + ')' : '', ' · ', formatTime(r.at)))) : null);
}

// The last 24 hours of path latency (p50 and p99, log scale: an outage's backlog dwarfs normal seconds) and the
// worst availability; nothing when the hub has no series yet.
function linkHistory(p50, p99, up) {
  if (p99.length === 0 && up.length === 0) return null;
  const until = Date.now();
  // Log scale: a 0 ms sample is drawn at 1 ms.
  const ms = points => points.map(p => [Date.parse(p[0]), Math.max(1, p[1])]);
  const hi = Math.max(10, ...p99.map(p => p[1]));
  const chart = timeChart({
    cls: 'link-chart', width: 400, height: 110, since: until - 24 * 3600e3, until, log: true,
    yRange: [1, Math.pow(10, Math.ceil(Math.log10(hi)))],
    series: [{ label: 'p99', points: ms(p99), colour: cssVar('--red') }, { label: 'p50', points: ms(p50) }],
  });
  const worst = up.length ? Math.min(...up.map(p => p[1])) : null;
  return el('div', { id: 'campus-link-history' },
    el('p', { class: 'meta' }, t('campus.linkHistory', {
      p99: p99.length ? Math.max(...p99.map(p => p[1])) : '—',
      availability: worst === null ? '—' : (100 * worst).toFixed(2) })),
    chart);
}

function alarmsBlock(alarms) {
  if (alarms.length === 0) return el('p', { class: 'empty' }, t('alarms.none'));
  return el('ul', { class: 'campus-alarms' }, ...alarms.map(a => el('li', { class: a.severity, 'data-alarm': a.id },
    el('b', { class: 'sev ' + a.severity }, a.severity), ' ', t('type.' + a.type), ' · ', a.device, ' · ', formatTime(a.openedAt),
    ' · ', t('state.' + a.state), ' ', el('a', { href: '#/alarms', onclick: () => setTimeout(() => openDetail(a.id), 0) }, t('action.details')))));
}

function devicesBlock(devices, alarms) {
  const troubled = new Set(alarms.map(a => a.device));
  const byKind = new Map();
  for (const d of devices) {
    if (!byKind.has(d.kind)) byKind.set(d.kind, []);
    byKind.get(d.kind).push(d);
  }
  if (byKind.size === 0) return el('p', { class: 'empty' }, t('campus.noDevices'));
  return el('table', { class: 'queue', id: 'campus-device-table' },
    el('thead', {}, el('tr', {}, el('th', {}, t('campus.kind')), el('th', {}, t('campus.count')), el('th', {}, t('campus.withAlarms')), el('th', {}, t('campus.lastSeen')))),
    el('tbody', {}, ...[...byKind.entries()].sort().map(([kind, list]) => {
      const bad = list.filter(d => troubled.has(d.id));
      const last = list.map(d => d.lastSeenAt).filter(Boolean).sort().pop();
      return el('tr', { 'data-kind': kind },
        el('td', {}, t('kind.' + kind)),
        el('td', {}, list.length),
        el('td', { class: bad.length ? 'unmet' : 'met' }, bad.length, bad.length ? el('small', {}, ' ', bad.map(d => d.id).join(', ')) : null),
        el('td', {}, last ? formatTime(last) : '—'));
    })));
}

function camerasBlock(c) {
  if (!c) return el('p', { class: 'empty' }, t('campus.noCameras'));
  const ids = (cls, list) => el('ul', { class: 'ids ' + cls }, ...list.map(id => el('li', { 'data-camera': id }, id)));
  const allOk = !c.offline.length && !c.videoLoss.length && !c.nvrsDown.length;
  return el('div', {},
    el('p', { id: 'campus-camera-ratio', class: 'ratio ' + (c.online.met ? 'met' : 'unmet') },
      t('cameras.online'), ': ', el('b', {}, percent(c.online)), ' (', c.online.ok, '/', c.online.total, ')'),
    allOk ? el('p', { class: 'empty' }, t('cameras.allOnline')) : null,
    ...c.nvrsDown.map(n => el('div', { class: 'nvr-down', 'data-nvr': n.nvr }, el('b', {}, t('cameras.nvrDown', { nvr: n.nvr, count: n.cameras.length })), ids('under-nvr', n.cameras))),
    c.offline.length ? el('div', {}, el('b', {}, t('cameras.offline'), ' (', c.offline.length, ')'), ids('offline', c.offline)) : null,
    c.videoLoss.length ? el('div', {}, el('b', {}, t('cameras.videoLoss'), ' (', c.videoLoss.length, ')'), ids('video-loss', c.videoLoss)) : null);
}

function canteenBlock(c) {
  if (!c || c.sensors.length === 0) return el('p', { class: 'empty' }, t('campus.noCanteen'));
  const ORDER = { cold_store_sensor: 0, freezer_sensor: 1, gas_sensor: 2 };
  const sensors = [...c.sensors].sort((a, b) => ORDER[a.type] - ORDER[b.type] || a.id.localeCompare(b.id));
  return el('div', {},
    el('table', { class: 'queue', id: 'campus-canteen-table' },
      el('thead', {}, el('tr', {}, ...['canteen.sensor', 'campus.lastReading', 'campus.readings24h', 'canteen.excursions'].map(k => el('th', {}, t(k))))),
      el('tbody', {}, ...sensors.map(s => el('tr', { 'data-device': s.id, class: s.excursions.length ? 'sustained' : '' },
        el('td', {}, t('sensor.' + s.type), el('br'), el('small', {}, s.id)),
        el('td', {}, s.last ? s.last.value.toFixed(1) + ' ' + unitText(s.unit) : '—', s.last ? el('br') : null, s.last ? el('small', {}, formatTime(s.last.at)) : null),
        el('td', {}, s.readings),
        el('td', { class: s.excursions.length ? 'unmet' : 'met' }, s.excursions.length,
          ...s.excursions.map(e => el('small', { class: 'excursion' }, ' ', formatTime(e.start), ' · ', formatDuration(e.durationS), ' · ', t('canteen.peak'), ' ', e.peak.toFixed(1), unitText(s.unit)))))))),
    el('p', { id: 'campus-gas' }, t('canteen.gas'), ': ', el('b', { class: c.gasAlarms.length ? 'unmet' : 'met' }, c.gasAlarms.length)));
}

function timelineBlock() {
  if (campusPage.timeline.length === 0) return el('p', { class: 'empty' }, t('timeline.empty'));
  return el('div', {},
    el('ol', { class: 'timeline', id: 'timeline' }, ...campusPage.timeline.map(e => el('li', { class: 'tl ' + e.source + (e.test ? ' test' : '') + (e.late ? ' late-entry' : ''), 'data-source': e.source, 'data-what': e.what },
      el('time', {}, formatTime(e.at)), ' ', timelineText(e),
      e.late ? el('span', { class: 'late' }, t('timeline.late')) : null))),
    campusPage.next ? el('button', { id: 'timeline-more', onclick: moreTimeline }, t('timeline.more')) : el('p', { class: 'empty' }, t('timeline.end')));
}

async function moreTimeline() {
  const id = campusPage.id;
  const page = await api('GET', '/api/campuses/' + encodeURIComponent(id) + '/timeline?limit=50&before=' + encodeURIComponent(campusPage.next));
  if (campusPage.id !== id) return;
  campusPage.timeline = campusPage.timeline.concat(page.entries);
  campusPage.next = page.next;
  campusPage.paged = true;
  document.querySelector('#campus-timeline').replaceChildren(el('h3', {}, t('campus.timeline')), timelineBlock());
}

// One line per entry, all words from the language file; who acted is always shown when there was someone.
function timelineText(e) {
  const who = e.actor ? el('span', { class: 'who' }, ' · ', e.actor) : null;
  const note = e.note ? el('span', { class: 'note' }, ' · ', e.note) : null;
  if (e.source === 'alarm') {
    // The hub opens the link-lost alarm when a campus goes silent and resolves it itself when heartbeats resume.
    const restored = e.actor === 'system' && (e.what === 'resolved' || e.what === 'source_cleared');
    if (e.alarmType === 'link_lost' && (e.what === 'opened' || restored)) {
      return el('span', {}, el('b', {}, t(e.what === 'opened' ? 'timeline.linkLost' : 'timeline.linkRestored')), who, note);
    }
    return el('span', {}, el('b', {}, t('type.' + e.alarmType)), ' · ', t('history.' + e.what), e.device ? ' · ' + e.device : '', who, note);
  }
  if (e.source === 'test_mode') {
    return el('span', {}, el('b', {}, e.what === 'started' ? t('timeline.testStarted', { until: formatTime(e.until) }) : t('timeline.testEnded')), who);
  }
  const body = e.body || {};
  if (e.what === 'panic') {
    return el('span', {}, el('b', {}, t(e.test ? 'timeline.testPress' : 'timeline.panic.' + body.action)), ' · ', e.device);
  }
  return el('span', {}, el('b', {}, t('kind.' + e.what)), ' · ', e.device);
}
