// The CRM's UI shell: navigation with the host's modules and every plugin tab the user may see, list and
// record pages that host plugin record panels, a Settings area listing plugin settings screens, and the host's own
// Users screen for administrators.
import { api, ApiError, useCsrfToken } from './api.js';
import { usersPage } from './users.js';
import { paymentsPage } from './payments.js';
import { builtInName, chooseLanguage, currentLanguage, money, personName, t, translate } from './i18n.js';
import { clear, el } from './dom.js';

const view = document.getElementById('view');
const state = { session: null, contributions: [], badges: {} };
/** The event plugin elements dispatch when a tab's badge count changed (UiContribution.MainTab.BADGE_CHANGED). */
const BADGE_CHANGED = 'crm-tab-badge-changed';
const BADGE_REFRESH_MS = 60_000;

const MODULES = {
  contacts: {
    api: '/api/crm/contacts',
    nav: 'nav.contacts',
    columns: [['contact.name', (c) => personName(c.firstName, c.lastName)], ['contact.phone', (c) => c.phone],
      ['contact.email', (c) => c.email]],
    // The name fields come in the order people of the UI language write a name.
    fields: [...(currentLanguage() === 'ja'
      ? [['lastName', 'contact.lastName'], ['firstName', 'contact.firstName']]
      : [['firstName', 'contact.firstName'], ['lastName', 'contact.lastName']]),
    ['phone', 'contact.phone', 'tel'], ['email', 'contact.email', 'email']],
    title: (c) => personName(c.firstName, c.lastName),
  },
  companies: {
    api: '/api/crm/companies',
    nav: 'nav.companies',
    columns: [['company.name', (c) => c.name], ['contact.phone', (c) => c.phone]],
    fields: [['name', 'company.name'], ['phone', 'contact.phone', 'tel'], ['website', 'Website', 'url']],
    title: (c) => c.name,
  },
  pipelines: {
    api: '/api/crm/pipelines',
    nav: 'nav.pipelines',
    columns: [['pipeline.name', (d) => d.name], ['pipeline.stage', (d) => builtInName('stage', d.stage)],
      ['pipeline.amount', (d) => (d.amount == null ? '' : money(d.amount, state.session.organisation.currency))]],
    fields: [['name', 'pipeline.name'], ['stage', 'pipeline.stage', 'stage'], ['amount', 'pipeline.amount', 'number']],
    title: (d) => d.name,
  },
};

function flash(message, isError = false) {
  const box = document.getElementById('flash');
  box.textContent = message;
  box.className = isError ? 'error' : '';
  box.hidden = false;
  clearTimeout(flash.timer);
  flash.timer = setTimeout(() => { box.hidden = true; }, isError ? 8000 : 3000);
}

function showError(error) {
  flash(error instanceof ApiError ? error.message : t('error.generic'), true);
}

function titleOf(contribution) {
  return currentLanguage() === 'ja' ? contribution.title.ja : contribution.title.en;
}

function link(path, text, attributes = {}) {
  return el('a', { href: path, 'data-route': true, ...attributes }, text);
}

function navigate(path) {
  window.history.pushState({}, '', path);
  route();
}

document.addEventListener('click', (event) => {
  const anchor = event.target.closest('a[data-route]');
  if (anchor && !event.ctrlKey && !event.metaKey && event.button === 0) {
    event.preventDefault();
    navigate(anchor.getAttribute('href'));
  }
});
window.addEventListener('popstate', () => route());

function drawNavigation(active) {
  const nav = clear(document.getElementById('main-nav'));
  for (const [name, module] of Object.entries(MODULES)) {
    nav.append(link(`/app/${name}`, t(module.nav), { dataset: { nav: name }, class: active === name ? 'active' : null }));
  }
  for (const tab of state.contributions.filter((c) => c.kind === 'MAIN_TAB')) {
    const key = `${tab.pluginId}/${tab.id}`;
    const badge = tab.badgeUrl ? el('span', { class: 'tab-badge', dataset: { badgeFor: key } }) : null;
    nav.append(link(`/app/tabs/${key}`, [el('span', { class: 'tab-title' }, titleOf(tab)), badge].filter(Boolean),
      { dataset: { tab: key }, class: active === key ? 'active' : null }));
  }
  nav.append(link('/app/settings', t('nav.settings'), { dataset: { nav: 'settings' }, class: active === 'settings' ? 'active' : null }));
  showBadges();
  refreshBadges();
}

/** Puts each tab's last known count on its badge; none for 0. */
function showBadges() {
  document.querySelectorAll('#main-nav .tab-badge').forEach((badge) => {
    const count = state.badges[badge.dataset.badgeFor] || 0;
    badge.textContent = count > 99 ? '99+' : String(count);
    badge.hidden = count === 0;
  });
}

/** Reads the count of every tab that has a badge; a plugin that fails to answer keeps its last count. */
async function refreshBadges() {
  const tabs = state.contributions.filter((c) => c.kind === 'MAIN_TAB' && c.badgeUrl);
  await Promise.all(tabs.map(async (tab) => {
    try {
      const { count } = await api(tab.badgeUrl);
      state.badges[`${tab.pluginId}/${tab.id}`] = Number(count) || 0;
    } catch (failure) {
      console.warn('tab badge unavailable', tab.badgeUrl, failure);
    }
  }));
  showBadges();
}

/** Loads a plugin's web component and places it; a failing plugin shows a message, never breaks the shell. */
async function pluginElement(contribution, attributes = {}) {
  const holder = el('div', { class: 'plugin-screen', dataset: { contribution: `${contribution.pluginId}/${contribution.id}` } });
  try {
    await import(contribution.moduleUrl);
    const element = document.createElement(contribution.elementName);
    element.setAttribute('lang', currentLanguage());
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    holder.append(element);
  } catch (failure) {
    console.error('plugin screen failed', contribution, failure);
    holder.append(el('p', { class: 'error' }, t('plugin.failed')));
  }
  return holder;
}

async function listPage(name) {
  const module = MODULES[name];
  drawNavigation(name);
  const search = el('input', { type: 'search', placeholder: t('list.search'), 'aria-label': t('list.search') });
  const body = el('tbody');
  const more = el('button', { type: 'button', hidden: true }, t('list.more'));
  const empty = el('p', { class: 'muted', hidden: true }, t('list.empty'));
  let cursor = null;

  async function load(reset) {
    if (reset) { clear(body); cursor = null; }
    const query = new URLSearchParams({ limit: '50' });
    if (search.value.trim()) query.set('q', search.value.trim());
    if (cursor) query.set('cursor', cursor);
    more.disabled = true;
    try {
      const page = await api(`${module.api}?${query}`);
      for (const item of page.items) {
        body.append(el('tr', { dataset: { id: item.id } },
          module.columns.map(([, value], index) => el('td', {},
            index === 0 ? link(`/app/${name}/${item.id}`, value(item) || '—') : (value(item) ?? '')))));
      }
      cursor = page.nextCursor;
      more.hidden = !cursor;
      empty.hidden = body.children.length > 0;
    } catch (error) {
      showError(error);
    } finally {
      more.disabled = false;
    }
  }

  let debounce;
  search.addEventListener('input', () => { clearTimeout(debounce); debounce = setTimeout(() => load(true), 250); });
  more.addEventListener('click', () => load(false));
  const create = el('button', { type: 'button', class: 'primary', onclick: () => navigate(`/app/${name}/new`) }, t('list.new'));

  clear(view).append(
    el('div', { class: 'toolbar' }, el('h1', {}, t(module.nav)), search, create),
    el('table', { class: 'records' },
      el('thead', {}, el('tr', {}, module.columns.map(([label]) => el('th', {}, t(label))))), body),
    empty, more);
  await load(true);
}

async function recordForm(name, record, onSaved) {
  const module = MODULES[name];
  const stages = name === 'pipelines' ? await api('/api/crm/pipelines/stages') : [];
  const inputs = {};
  const form = el('form', { class: 'fields', novalidate: true });
  for (const [field, label, type] of module.fields) {
    let input;
    if (type === 'stage') {
      input = el('select', { name: field }, stages.map((s) => el('option', { value: s }, builtInName('stage', s))));
      input.value = record ? record[field] : stages[0];
    } else {
      input = el('input', { name: field, type: type || 'text', step: type === 'number' ? '0.01' : null });
      input.value = record && record[field] != null ? record[field] : '';
    }
    inputs[field] = input;
    form.append(el('label', {}, el('span', {}, t(label)), input, el('div', { class: 'field-error', dataset: { field } })));
  }
  const save = el('button', { type: 'submit', class: 'primary' }, t('form.save'));
  form.append(save);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
    const body = {};
    for (const [field, input] of Object.entries(inputs)) {
      const value = input.value.trim();
      body[field] = value === '' ? null : (input.type === 'number' ? Number(value) : value);
    }
    if (name === 'contacts') { body.firstName = body.firstName || ''; body.lastName = body.lastName || ''; }
    save.disabled = true;
    save.textContent = t('form.saving');
    try {
      const saved = record
        ? await api(`${module.api}/${record.id}`, { method: 'PATCH', body })
        : await api(module.api, { method: 'POST', body });
      flash(t('form.saved'));
      onSaved(saved);
    } catch (error) {
      const target = error.problem && error.problem.field && form.querySelector(`.field-error[data-field="${error.problem.field}"]`);
      if (target) target.textContent = error.message; else showError(error);
    } finally {
      save.disabled = false;
      save.textContent = t('form.save');
    }
  });
  return form;
}

async function notesCard(name, id) {
  const list = el('ul', { class: 'notes' });
  const text = el('textarea', { rows: 3, 'aria-label': t('record.addNote') });
  const add = el('button', { type: 'button' }, t('record.addNote'));
  function show(note) {
    list.append(el('li', {}, el('div', { class: 'muted' }, new Date(note.createdAt).toLocaleString(currentLanguage())), note.text));
  }
  (await api(`/api/crm/${name}/${id}/notes`)).forEach(show);
  add.addEventListener('click', async () => {
    if (!text.value.trim()) return;
    add.disabled = true;
    try {
      show(await api(`/api/crm/${name}/${id}/notes`, { method: 'POST', body: { text: text.value } }));
      text.value = '';
    } catch (error) {
      showError(error);
    } finally {
      add.disabled = false;
    }
  });
  return el('section', { class: 'card' }, el('h2', {}, t('record.notes')), list, text, el('div', {}, add));
}

async function recordPage(name, id) {
  const module = MODULES[name];
  drawNavigation(name);
  if (id === 'new') {
    const form = await recordForm(name, null, (saved) => navigate(`/app/${name}/${saved.id}`));
    clear(view).append(el('div', { class: 'toolbar' }, el('h1', {}, t(module.nav))), el('section', { class: 'card' }, form));
    return;
  }
  const record = await api(`${module.api}/${encodeURIComponent(id)}`);
  const heading = el('h1', { id: 'record-title' }, module.title(record));
  const form = await recordForm(name, record, (saved) => { heading.textContent = module.title(saved); });
  const panels = [];
  for (const panel of state.contributions.filter((c) => c.kind === 'RECORD_PANEL' && c.module === name)) {
    panels.push(el('section', { class: 'card' }, el('h2', {}, titleOf(panel)),
      await pluginElement(panel, { 'record-module': name, 'record-id': String(record.id) })));
  }
  clear(view).append(
    el('div', { class: 'toolbar' }, heading, link(`/app/${name}`, t('record.back'))),
    el('div', { class: 'record-layout' },
      el('div', {}, el('section', { class: 'card' }, form), name === 'companies' ? null : await notesCard(name, record.id)),
      el('div', {}, panels)));
}

async function tabPage(pluginId, tabId) {
  const key = `${pluginId}/${tabId}`;
  drawNavigation(key);
  const tab = state.contributions.find((c) => c.kind === 'MAIN_TAB' && `${c.pluginId}/${c.id}` === key);
  if (!tab) { navigate('/app/contacts'); return; }
  clear(view).append(await pluginElement(tab));
}

async function settingsPage(pluginId, screenId) {
  drawNavigation('settings');
  const screens = state.contributions.filter((c) => c.kind === 'SETTINGS_SCREEN');
  if (pluginId) {
    const screen = screens.find((c) => c.pluginId === pluginId && c.id === screenId);
    if (!screen) { navigate('/app/settings'); return; }
    const section = currentLanguage() === 'ja' ? screen.section.ja : screen.section.en;
    clear(view).append(el('div', { class: 'toolbar' },
      el('h1', {}, `${t('settings.title')} › ${section} › ${titleOf(screen)}`)), await pluginElement(screen));
    return;
  }
  const bySection = new Map();
  for (const screen of screens) {
    const section = currentLanguage() === 'ja' ? screen.section.ja : screen.section.en;
    if (!bySection.has(section)) bySection.set(section, []);
    bySection.get(section).push(screen);
  }
  const content = [...bySection.entries()].map(([section, items]) => el('div', { class: 'settings-section' },
    el('h2', {}, section),
    el('ul', {}, items.map((s) => el('li', {}, link(`/app/settings/${s.pluginId}/${s.id}`, titleOf(s),
      { dataset: { settings: `${s.pluginId}/${s.id}` } }))))));
  // The host's own screens, for administrators, before those the plugins contribute.
  const host = state.session.user.administrator ? [el('div', { class: 'settings-section' }, el('h2', {}, t('settings.organisation')),
    el('ul', {}, el('li', {}, link('/app/settings/users', t('users.title'), { dataset: { settings: 'users' } })),
      el('li', {}, link('/app/settings/payments', t('payments.title'), { dataset: { settings: 'payments' } }))))] : [];
  clear(view).append(el('div', { class: 'toolbar' }, el('h1', {}, t('settings.title'))), ...host,
    ...(content.length || host.length ? content : [el('p', { class: 'muted' }, t('settings.none'))]));
}

async function hostUsersPage() {
  drawNavigation('settings');
  await usersPage(view, state.session.user.id);
}

async function route() {
  const parts = window.location.pathname.replace(/^\/app\/?/, '').split('/').filter(Boolean);
  try {
    if (parts.length === 0) { navigate('/app/contacts'); return; }
    if (MODULES[parts[0]] && parts.length === 1) await listPage(parts[0]);
    else if (MODULES[parts[0]] && parts.length === 2) await recordPage(parts[0], parts[1]);
    else if (parts[0] === 'tabs' && parts.length === 3) await tabPage(parts[1], parts[2]);
    else if (parts[0] === 'settings' && parts[1] === 'users' && parts.length === 2) await hostUsersPage();
    else if (parts[0] === 'settings' && parts[1] === 'payments' && parts.length === 2) {
      drawNavigation('settings');
      await paymentsPage(view);
    }
    else if (parts[0] === 'settings') await settingsPage(parts[1], parts[2]);
    else navigate('/app/contacts');
  } catch (error) {
    clear(view).append(el('p', { class: 'error' }, error instanceof ApiError ? error.message : t('error.generic')));
  }
}

async function start() {
  translate();
  const language = document.getElementById('language');
  language.value = currentLanguage();
  language.addEventListener('change', () => { chooseLanguage(language.value); translate(); route(); });
  document.getElementById('logout').addEventListener('click', async () => {
    try { await api('/logout', { method: 'POST' }); } finally { window.location.assign('/login'); }
  });
  state.session = await api('/api/crm/session');
  useCsrfToken(state.session.csrfToken);
  document.getElementById('user-name').textContent = state.session.user.name;
  state.contributions = (await api('/api/crm/contributions')).contributions;
  await route();
  setInterval(refreshBadges, BADGE_REFRESH_MS);
  document.addEventListener(BADGE_CHANGED, () => refreshBadges());
}

start().catch(showError);
