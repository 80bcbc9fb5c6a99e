import { api, ApiError } from './api.js';
import { clear, el } from './dom.js';
import { builtInName, t } from './i18n.js';

/**
 * Settings > Users, for administrators: the organisation's users with their profile and whether they may log in;
 * adding a user; changing a profile; deactivating and reactivating. What a trial needs without the API.
 */
export async function usersPage(view, me) {
  const [users, profiles] = await Promise.all([api('/api/crm/users'), api('/api/crm/profiles')]);
  const status = el('p', { role: 'status', 'aria-live': 'polite', id: 'users-status' });
  const change = async (user, body, done) => {
    status.textContent = t('form.saving');
    try {
      await api(`/api/crm/users/${user.id}`, { method: 'PATCH', body });
      status.textContent = t('form.saved');
    } catch (error) {
      status.textContent = error instanceof ApiError ? error.message : t('error.generic');
    }
    if (done) await usersPage(view, me);
  };
  const rows = users.map((user) => {
    // Administrators cannot lock themselves out: their own profile and access are changed by another administrator.
    const self = user.id === me;
    const profile = el('select', { 'aria-label': t('users.profile'), disabled: self,
      onchange: (e) => change(user, { profileId: Number(e.target.value) }) },
      profiles.map((p) => el('option', { value: p.id }, builtInName('profile', p.name))));
    profile.value = String(user.profileId);
    return el('tr', { 'data-user-id': user.id, class: user.active ? null : 'inactive' },
      el('td', {}, user.name), el('td', {}, user.username), el('td', {}, profile),
      el('td', {}, user.active ? t('users.active') : t('users.inactive')),
      el('td', {}, self ? el('span', { class: 'muted' }, t('users.you')) : el('button', { type: 'button',
        class: user.active ? 'deactivate' : 'activate', onclick: () => change(user, { active: !user.active }, true) },
      user.active ? t('users.deactivate') : t('users.activate'))));
  });
  clear(view).append(
    el('div', { class: 'toolbar' }, el('h1', {}, `${t('settings.title')} › ${t('users.title')}`)),
    el('table', { class: 'records', id: 'users' },
      el('thead', {}, el('tr', {}, [t('users.name'), t('users.username'), t('users.profile'), t('users.state'), ''].map((h) => el('th', {}, h)))),
      el('tbody', {}, rows)),
    status, addUserForm(view, me, profiles));
}

function addUserForm(view, me, profiles) {
  const field = (name, label, type = 'text') => el('label', {}, el('span', {}, label),
    el('input', { name, type, autocomplete: 'off', required: true }));
  const error = el('p', { class: 'error' });
  const profile = el('select', { name: 'profileId' },
    profiles.map((p) => el('option', { value: p.id }, builtInName('profile', p.name))));
  const form = el('form', { class: 'fields card', id: 'add-user' }, el('h2', {}, t('users.add')),
    field('name', t('users.name')), field('username', t('users.username')), field('password', t('users.password'), 'password'),
    el('label', {}, el('span', {}, t('users.profile')), profile), error,
    el('button', { type: 'submit', class: 'primary' }, t('users.add')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(new FormData(form));
    body.profileId = Number(body.profileId);
    try {
      await api('/api/crm/users', { method: 'POST', body });
      await usersPage(view, me);
    } catch (failure) {
      error.textContent = failure instanceof ApiError ? failure.message : t('error.generic');
    }
  });
  return form;
}
