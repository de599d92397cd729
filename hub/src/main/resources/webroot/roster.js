// CampusGuard console: the duty roster (GET/PUT /api/roster): who is notified for which campus or town, at which
// level and hours. Operators read it; administrators save a new version (the hub keeps every version and audits
// each save). Loaded after app.js, like it.js: it registers its page with app.js's VIEW_RENDERERS.
'use strict';

const roster = { current: null, editing: false };

async function renderRoster() {
  const [current, versions] = await Promise.all([api('GET', '/api/roster'), api('GET', '/api/roster/versions')]);
  roster.current = current;
  if (currentView() !== 'roster') return;
  const r = current.roster;
  const person = p => el('span', { class: 'person' }, p.name, p.mobile ? ' · ' + p.mobile : '', p.email ? ' · ' + p.email : '',
    ' · ', (p.channels || []).map(c => t('channel.' + c)).join(' → '));
  const scope = d => d.campus ? campusName(d.campus) + ' (' + d.campus + ')' : d.town ? t('roster.town', { town: d.town }) : t('roster.county');
  const when = d => [...(d.shifts || []).map(s => t('shift.' + s)), ...(d.periods || []).map(p => t('period.' + p))].join(' · ') || t('roster.always');
  const parts = [el('p', { class: 'empty' }, t('roster.explain'))];
  if (!r) {
    parts.push(el('p', { class: 'error-row', id: 'roster-missing' }, t('roster.none')));
  } else {
    const duties = [...r.duties].sort((a, b) => a.level - b.level);
    parts.push(
      el('p', { class: 'meta', id: 'roster-version' }, t('roster.version', { version: current.version, at: formatTime(current.savedAt), by: current.savedBy }),
        current.note ? ' · ' + current.note : ''),
      el('table', { class: 'queue', id: 'roster-duties' },
        el('thead', {}, el('tr', {}, ...['roster.level', 'roster.scope', 'roster.when', 'roster.person'].map(k => el('th', {}, t(k))))),
        el('tbody', {}, ...duties.map(d => el('tr', { 'data-level': d.level },
          el('td', {}, t('roster.levelN', { n: d.level })), el('td', {}, scope(d)), el('td', {}, when(d)), el('td', {}, person(d.person)))))),
      el('h4', {}, t('roster.fallback')),
      el('ul', { id: 'roster-fallback' }, ...r.fallback.map(p => el('li', {}, person(p)))),
      el('h4', {}, t('roster.calendar')),
      el('p', { id: 'roster-calendar' }, t('roster.dayHours', { from: r.calendar.dayStarts, to: r.calendar.dayEnds }), ' · ',
        t('roster.terms'), ': ', (r.calendar.terms || []).map(x => x.name + ' ' + x.from + '–' + x.to).join('；') || '—', ' · ',
        t('roster.holidays'), ': ', (r.calendar.holidays || []).join(', ') || '—', ' · ',
        t('roster.workdays'), ': ', (r.calendar.workdays || []).join(', ') || '—'));
  }
  if (may('ROSTER_EDIT')) parts.push(rosterEditor(current));
  parts.push(el('h4', {}, t('roster.versions')),
    el('ul', { id: 'roster-versions' }, ...(versions.versions || []).map(v =>
      el('li', {}, t('roster.version', { version: v.version, at: formatTime(v.savedAt), by: v.savedBy }), v.note ? ' · ' + v.note : ''))));
  document.getElementById('roster').replaceChildren(...parts);
}

// The whole roster as JSON, the way the hub stores it: a mistake is answered naming its place (roster.duties[2].level).
function rosterEditor(current) {
  const text = el('textarea', { id: 'roster-json', rows: 18, spellcheck: 'false' });
  text.value = JSON.stringify(current.roster || { calendar: { dayStarts: '07:00', dayEnds: '19:00', terms: [], holidays: [], workdays: [] },
    duties: [], fallback: [] }, null, 2);
  const note = el('input', { id: 'roster-note', placeholder: t('roster.note'), size: 40 });
  const error = el('p', { class: 'error-row', id: 'roster-error', hidden: '' });
  const save = async () => {
    try {
      const parsed = JSON.parse(text.value);
      await api('PUT', '/api/roster', { version: current.version, roster: parsed, note: note.value || undefined });
      await renderRoster();
    } catch (e) {
      error.hidden = false;
      error.textContent = t('roster.saveFailed', { error: e.message });
    }
  };
  return el('section', { class: 'card roster-edit' },
    el('h3', {}, t('roster.edit')),
    el('p', { class: 'empty' }, t('roster.editHelp')),
    text, note, ' ', el('button', { class: 'primary', id: 'roster-save', onclick: save }, t('roster.save')), error);
}

VIEW_RENDERERS.roster = () => renderRoster().catch(e => console.error(e));
