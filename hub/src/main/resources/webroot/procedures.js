// CampusGuard console: the procedures per alarm type, kept by the hub (GET/PUT /api/procedures), shown in the
// alarm detail and edited on their own page. Loaded before app.js, whose helpers it uses when called.
'use strict';

const procedures = { byType: new Map(), editing: null };

async function loadProcedures() {
  const list = (await api('GET', '/api/procedures')).procedures || [];
  procedures.byType = new Map(list.map(p => [p.type, p]));
}

// The steps for an alarm type in the chosen language; a type without its own procedure gets the default one.
function procedureSteps(type) {
  const p = procedures.byType.get(type) || procedures.byType.get('default');
  if (!p) return [];
  return p.steps[state.lang] || p.steps['zh-CN'] || [];
}

async function renderProcedures() {
  await loadProcedures();
  if (currentView() !== 'procedures') return;
  // The emergencies first, the default last, the rest by name.
  const FIRST = ['panic', 'panic_tamper', 'link_lost', 'gas_high'];
  const rank = type => type === 'default' ? FIRST.length + 1 : FIRST.includes(type) ? FIRST.indexOf(type) : FIRST.length;
  const types = [...procedures.byType.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  document.getElementById('procedures').replaceChildren(
    el('p', { class: 'empty' }, t('procedures.explain')),
    ...types.map(type => procedures.editing === type ? procedureEditor(procedures.byType.get(type)) : procedureCard(procedures.byType.get(type))));
}

function procedureTitle(type) {
  return type === 'default' ? t('procedures.default') : t('type.' + type);
}

function procedureCard(p) {
  return el('section', { class: 'card procedure', 'data-type': p.type },
    el('h3', {}, procedureTitle(p.type), ' ', el('small', {}, p.type)),
    el('ol', {}, ...procedureSteps(p.type).map(s => el('li', {}, s))),
    el('p', { class: 'meta' }, t('procedures.updated', { at: formatTime(p.updatedAt), by: p.updatedBy, version: p.version })),
    el('button', { class: 'edit', onclick: () => { procedures.editing = p.type; renderProcedures().catch(e => alert(e.message)); } }, t('procedures.edit')));
}

// One step per line, both languages side by side: the console shows whichever the operator has chosen.
function procedureEditor(p) {
  const zh = el('textarea', { name: 'zh-CN', rows: 8 });
  zh.value = p.steps['zh-CN'].join('\n');
  const en = el('textarea', { name: 'en', rows: 8 });
  en.value = p.steps.en.join('\n');
  const error = el('p', { class: 'error-row', hidden: '' });
  const lines = area => area.value.split('\n').map(s => s.trim()).filter(s => s.length > 0);
  const save = async () => {
    try {
      await api('PUT', '/api/procedures/' + encodeURIComponent(p.type), { version: p.version, steps: { 'zh-CN': lines(zh), en: lines(en) } });
      procedures.editing = null;
      await renderProcedures();
    } catch (e) {
      error.hidden = false;
      error.textContent = t('procedures.saveFailed', { error: e.message });
    }
  };
  return el('section', { class: 'card procedure editing', 'data-type': p.type },
    el('h3', {}, procedureTitle(p.type), ' ', el('small', {}, p.type)),
    el('p', { class: 'empty' }, t('procedures.oneStepPerLine')),
    el('div', { class: 'procedure-edit' },
      el('label', {}, el('span', {}, t('procedures.zh')), zh),
      el('label', {}, el('span', {}, t('procedures.en')), en)),
    error,
    el('button', { class: 'primary save', onclick: save }, t('procedures.save')), ' ',
    el('button', { class: 'cancel', onclick: () => { procedures.editing = null; renderProcedures().catch(e => alert(e.message)); } }, t('procedures.cancel')));
}
