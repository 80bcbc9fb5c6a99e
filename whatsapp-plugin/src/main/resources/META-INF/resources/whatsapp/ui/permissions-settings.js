import { apiClient, el } from './dom.js';

// Settings > Messages > Permissions: the WhatsApp level of each profile. Administrators always have full access.
const TEXT = {
  en: {
    title: 'WhatsApp permissions', intro: 'Choose what each profile may do with WhatsApp messages. Administrators always have full access.',
    profile: 'Profile', level: 'Access', VIEW_AND_REPLY: 'View and reply', VIEW_ONLY: 'View incoming messages only', NONE: 'No access',
    saved: 'Saved.', saving: 'Saving…', always: 'Always full access',
    builtIn: {},
  },
  ja: {
    title: 'WhatsApp の権限', intro: '各プロファイルが WhatsApp メッセージでできることを選びます。管理者は常にすべての操作ができます。',
    profile: 'プロファイル', level: 'アクセス', VIEW_AND_REPLY: '表示と返信', VIEW_ONLY: '受信メッセージの表示のみ', NONE: 'アクセスなし',
    saved: '保存しました。', saving: '保存中…', always: '常にすべての操作が可能',
    // The profiles every organisation starts with; profiles its administrators add keep the names they were given.
    builtIn: { Administrator: '管理者', Standard: '標準' },
  },
};

class PermissionsSettings extends HTMLElement {
  async connectedCallback() {
    const t = TEXT[this.getAttribute('lang') === 'ja' ? 'ja' : 'en'];
    const api = apiClient(() => this.csrf);
    const status = el('p', { role: 'status', 'aria-live': 'polite', id: 'permissions-status' });
    try {
      this.csrf = (await api('/api/crm/session')).csrfToken;
      const profiles = await api('/api/whatsapp/permissions');
      const rows = profiles.map((p) => {
        let control;
        if (p.administrator) {
          control = el('span', { class: 'muted' }, t.always);
        } else {
          control = el('select', { 'data-profile-id': p.profileId, 'aria-label': `${t.level}: ${p.profileName}` },
            ['VIEW_AND_REPLY', 'VIEW_ONLY', 'NONE'].map((level) => el('option', { value: level }, t[level])));
          control.value = p.level;
          control.addEventListener('change', async () => {
            status.textContent = t.saving;
            try {
              await api(`/api/whatsapp/permissions/${p.profileId}`, 'PUT', { level: control.value });
              status.textContent = t.saved;
            } catch (error) {
              status.textContent = error.message;
              control.value = p.level;
            }
          });
        }
        return el('tr', {}, el('td', {}, t.builtIn[p.profileName] || p.profileName), el('td', {}, control));
      });
      this.replaceChildren(el('h2', {}, t.title), el('p', { class: 'muted' }, t.intro),
        el('table', { class: 'records', id: 'permissions' },
          el('thead', {}, el('tr', {}, el('th', {}, t.profile), el('th', {}, t.level))), el('tbody', {}, rows)),
        status);
    } catch (error) {
      this.replaceChildren(el('p', { class: 'error' }, error.message));
    }
  }
}

if (!customElements.get('whatsapp-permissions-settings')) customElements.define('whatsapp-permissions-settings', PermissionsSettings);
