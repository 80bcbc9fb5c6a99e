import { apiClient, el } from './dom.js';

// Settings > Channels > Messages: connect WhatsApp numbers (Embedded Signup, manual, sandbox), edit,
// re-authorise and disconnect them. Every text a user or Meta wrote is shown with textContent.
const TEXT = {
  en: {
    title: 'WhatsApp Business channels',
    prerequisites: 'You need a Facebook Business Manager account and a phone number registered on the WhatsApp Business API. No Meta account? Try a sandbox number.',
    webhook: 'Webhook for your Meta app', callbackUrl: 'Callback URL', verifyToken: 'Verify token',
    secretMissing: 'The app secret is the generated demo one: set WHATSAPP_APP_SECRET to your Meta app secret before connecting real numbers.',
    connectNow: 'Connect now', connectWhatsApp: 'Connect WhatsApp', manual: 'Enter details manually', sandbox: 'Use a sandbox number',
    signupUnavailable: 'Embedded Signup (log in with Facebook) is not set up on this server yet.',
    signupSetupHelp: 'For whoever runs the server: set WHATSAPP_META_APP_ID and WHATSAPP_META_CONFIGURATION_ID.',
    modes: { SANDBOX: 'Sandbox', MANUAL: 'Entered manually', EMBEDDED_SIGNUP: 'Embedded Signup' },
    name: 'Channel name', assignees: 'Users who receive new chats (in turn)',
    cannotSee: 'cannot see WhatsApp chats and is skipped: give their profile a level in Settings > Permissions',
    phoneNumberId: 'Phone number ID', wabaId: 'WhatsApp Business Account ID',
    accessToken: 'Permanent access token', save: 'Save', cancel: 'Cancel', connecting: 'Connecting to Meta… this can take a few seconds.',
    none: 'No number is connected yet.', number: 'Number', mode: 'Mode', status: 'Status', actions: '',
    edit: 'Edit', check: 'Test connection', disconnect: 'Disconnect', reauthorise: 'Re-authorise', reconnect: 'Reconnect',
    confirmDisconnect: 'Disconnect this number? Messages stop arriving; every message already received is kept.',
    reauthPrompt: 'Meta refused this channel’s token. Re-authorise it to send and receive again.',
    CONNECTED: 'Connected', NEEDS_REAUTH: 'Needs re-authorisation', DISCONNECTED: 'Disconnected',
    saved: 'Saved.', connected: 'Connected.', checkOk: 'The connection works.', failed: 'Something went wrong. Try again.',
  },
  ja: {
    title: 'WhatsApp Business チャネル',
    prerequisites: 'Facebook ビジネスマネージャのアカウントと、WhatsApp Business API に登録した電話番号が必要です。Meta のアカウントがない場合はサンドボックス番号をお試しください。',
    webhook: 'Meta アプリの Webhook', callbackUrl: 'コールバック URL', verifyToken: '認証トークン',
    secretMissing: 'アプリシークレットはデモ用に生成されたものです。実際の番号を接続する前に WHATSAPP_APP_SECRET に Meta アプリのシークレットを設定してください。',
    connectNow: '今すぐ接続', connectWhatsApp: 'WhatsApp を接続', manual: '詳細を手動で入力', sandbox: 'サンドボックス番号を使う',
    signupUnavailable: 'このサーバーでは埋め込みサインアップ（Facebook でログイン）はまだ設定されていません。',
    signupSetupHelp: 'サーバーの管理者向け：WHATSAPP_META_APP_ID と WHATSAPP_META_CONFIGURATION_ID を設定してください。',
    modes: { SANDBOX: 'サンドボックス', MANUAL: '手動入力', EMBEDDED_SIGNUP: '埋め込みサインアップ' },
    name: 'チャネル名', assignees: '新しいチャットを受け取るユーザー（順番に割り当て）',
    cannotSee: 'WhatsApp のチャットを表示できないため割り当てられません。「設定 > 権限」でプロファイルにレベルを付与してください',
    phoneNumberId: '電話番号 ID', wabaId: 'WhatsApp ビジネスアカウント ID',
    accessToken: '永続アクセストークン', save: '保存', cancel: 'キャンセル', connecting: 'Meta に接続しています… 数秒かかることがあります。',
    none: 'まだ番号が接続されていません。', number: '番号', mode: '方式', status: '状態', actions: '',
    edit: '編集', check: '接続をテスト', disconnect: '接続を解除', reauthorise: '再認証', reconnect: '再接続',
    confirmDisconnect: 'この番号の接続を解除しますか？ 新しいメッセージは届かなくなりますが、受信済みのメッセージはすべて保持されます。',
    reauthPrompt: 'Meta がこのチャネルのトークンを拒否しました。再び送受信するには再認証してください。',
    CONNECTED: '接続済み', NEEDS_REAUTH: '再認証が必要', DISCONNECTED: '接続解除',
    saved: '保存しました。', connected: '接続しました。', checkOk: '接続は正常です。', failed: '問題が発生しました。もう一度お試しください。',
  },
};

class ChannelsSettings extends HTMLElement {
  async connectedCallback() {
    this.t = TEXT[this.getAttribute('lang') === 'ja' ? 'ja' : 'en'];
    this.replaceChildren(el('p', {}, '…'));
    this.api = apiClient(() => this.csrf, this.t.failed);
    try {
      const session = await this.api('/api/crm/session');
      this.csrf = session.csrfToken;
      [this.users, this.webhook, this.signup] = await Promise.all([
        this.api('/api/whatsapp/users'), this.api('/api/whatsapp/settings/webhook'), this.api('/api/whatsapp/settings/embedded-signup')]);
      await this.render();
    } catch (error) {
      this.replaceChildren(el('p', { class: 'error' }, error.message || this.t.failed));
    }
  }

  userName(id) {
    const user = this.users.find((u) => u.id === id);
    return user ? user.name : `#${id}`;
  }

  async render() {
    const t = this.t;
    const channels = await this.api('/api/whatsapp/channels');
    this.status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    this.formHolder = el('div', { class: 'form-holder' });
    const rows = channels.map((c) => el('tr', { 'data-channel-id': c.id },
      el('td', {}, c.name), el('td', {}, c.displayPhoneNumber), el('td', { 'data-mode': c.mode }, t.modes[c.mode] || c.mode),
      el('td', { class: `channel-status ${c.status}` }, t[c.status] || c.status),
      el('td', {}, c.assigneeIds.map((id) => this.userName(id)).join(', ')),
      el('td', {}, ...this.actions(c))));
    const reauth = channels.filter((c) => c.status === 'NEEDS_REAUTH')
      .map((c) => el('p', { class: 'error reauth-prompt' }, `${c.name}: ${t.reauthPrompt}`));
    this.replaceChildren(
      el('h2', {}, t.title),
      el('p', { class: 'muted' }, t.prerequisites),
      ...reauth,
      channels.length === 0 ? el('p', { class: 'muted', id: 'no-channels' }, t.none)
        : el('table', { class: 'records', id: 'channels' },
          el('thead', {}, el('tr', {}, [t.name, t.number, t.mode, t.status, t.assignees, t.actions].map((h) => el('th', {}, h)))),
          el('tbody', {}, rows)),
      el('div', { class: 'toolbar' }, el('button', { type: 'button', class: 'primary', id: 'connect-now', onclick: () => this.chooseMode() }, t.connectNow)),
      this.formHolder, this.status,
      el('section', { class: 'card' }, el('h3', {}, t.webhook),
        el('p', {}, `${t.callbackUrl}: `, el('code', { id: 'callback-url' }, this.webhook.callbackUrl)),
        el('p', {}, `${t.verifyToken}: `, el('code', { id: 'verify-token' }, this.webhook.verifyToken)),
        this.webhook.appSecretConfigured ? null : el('p', { class: 'muted' }, t.secretMissing)));
  }

  actions(channel) {
    const t = this.t;
    if (channel.status === 'DISCONNECTED') {
      // A sandbox number gets a new token from the sandbox; any other number needs one from its administrator.
      return [el('button', { type: 'button', class: 'primary reconnect', onclick: () => (channel.mode === 'SANDBOX'
        ? this.run(() => this.api(`/api/whatsapp/channels/${channel.id}/reconnect`, 'POST', {}).then(() => t.connected))
        : this.detailsForm('RECONNECT', channel)) }, t.reconnect)];
    }
    const buttons = [
      el('button', { type: 'button', onclick: () => this.detailsForm(null, channel) }, t.edit),
      el('button', { type: 'button', onclick: () => this.run(async () => {
        const checked = await this.api(`/api/whatsapp/channels/${channel.id}/check`, 'POST', {});
        return checked.status === 'CONNECTED' ? t.checkOk : t.reauthPrompt;
      }) }, t.check),
      el('button', { type: 'button', class: 'disconnect', onclick: () => {
        if (window.confirm(t.confirmDisconnect)) this.run(() => this.api(`/api/whatsapp/channels/${channel.id}`, 'DELETE').then(() => t.saved));
      } }, t.disconnect)];
    if (channel.status === 'NEEDS_REAUTH') {
      buttons.unshift(el('button', { type: 'button', class: 'primary', onclick: () => this.detailsForm('REAUTHORISE', channel) }, t.reauthorise));
    }
    return buttons;
  }

  chooseMode() {
    const t = this.t;
    const signup = el('button', { type: 'button', id: 'mode-embedded-signup', disabled: !this.signup.available,
      onclick: () => this.embeddedSignup() }, t.connectWhatsApp);
    this.formHolder.replaceChildren(el('div', { class: 'card' },
      signup, this.signup.available ? null : el('details', { class: 'muted' }, el('summary', {}, t.signupUnavailable),
        el('p', { class: 'small' }, t.signupSetupHelp)),
      el('button', { type: 'button', id: 'mode-manual', onclick: () => this.detailsForm('MANUAL') }, t.manual),
      el('button', { type: 'button', id: 'mode-sandbox', onclick: () => this.detailsForm('SANDBOX') }, t.sandbox)));
  }

  /** Meta's Embedded Signup: Facebook login in a popup, then the code and the chosen account and number. */
  async embeddedSignup() {
    await new Promise((resolve, reject) => {
      if (window.FB) { resolve(); return; }
      window.fbAsyncInit = () => { window.FB.init({ appId: this.signup.appId, autoLogAppEvents: true, xfbml: false, version: this.signup.graphVersion }); resolve(); };
      document.head.append(el('script', { src: 'https://connect.facebook.net/en_US/sdk.js', async: true, crossorigin: 'anonymous', onerror: reject }));
    });
    const session = {};
    const listener = (event) => {
      if (!String(event.origin).endsWith('facebook.com')) return;
      try {
        const data = JSON.parse(event.data);
        if (data.type === 'WA_EMBEDDED_SIGNUP' && data.event === 'FINISH') {
          session.wabaId = data.data.waba_id;
          session.phoneNumberId = data.data.phone_number_id;
        }
      } catch (notOurs) { /* other messages */ }
    };
    window.addEventListener('message', listener);
    window.FB.login((response) => {
      window.removeEventListener('message', listener);
      if (response.authResponse && response.authResponse.code) {
        this.detailsForm('EMBEDDED_SIGNUP', null, { code: response.authResponse.code, ...session });
      }
    }, { config_id: this.signup.configurationId, response_type: 'code', override_default_response_type: true,
      extras: { setup: {}, sessionInfoVersion: '3' } });
  }

  /** The channel details: name and assignees, plus the credentials a mode needs. */
  detailsForm(mode, channel = null, signupResult = {}) {
    const t = this.t;
    const fields = {};
    const field = (name, label, type = 'text', value = '') => {
      fields[name] = el('input', { name, type, autocomplete: 'off' });
      fields[name].value = value;
      return el('label', {}, el('span', {}, label), fields[name], el('div', { class: 'field-error', 'data-field': name }));
    };
    const active = this.users.filter((u) => u.active);
    const chosen = new Set(channel ? channel.assigneeIds : [active[0] && active[0].id]);
    // Chats are dealt only to users who may see them: the others are shown with a warning, and skipped.
    const boxes = active.map((u) => {
      const box = el('input', { type: 'checkbox', value: u.id, name: 'assignee' });
      box.checked = chosen.has(u.id);
      return el('label', { class: 'inline assignee', 'data-level': u.level }, box, ` ${u.name}`,
        u.level === 'NONE' ? el('span', { class: 'error small' }, ` ⚠ ${t.cannotSee}`) : null);
    });
    const reauthorising = mode === 'REAUTHORISE' || mode === 'RECONNECT';
    const form = el('form', { class: 'fields card', id: 'channel-form' },
      reauthorising ? null : field('name', t.name, 'text', channel ? channel.name : (mode === 'SANDBOX' ? 'Sandbox' : '')),
      reauthorising ? null : el('fieldset', {}, el('legend', {}, t.assignees), ...boxes, el('div', { class: 'field-error', 'data-field': 'assigneeIds' })),
      mode === 'MANUAL' ? [field('phoneNumberId', t.phoneNumberId), field('wabaId', t.wabaId)] : null,
      mode === 'MANUAL' || reauthorising ? field('accessToken', t.accessToken, 'password') : null,
      el('div', { class: 'field-error', 'data-field': 'code' }), el('div', { class: 'field-error', 'data-field': 'mode' }),
      el('button', { type: 'submit', class: 'primary', id: 'save-channel' }, t.save),
      el('button', { type: 'button', onclick: () => this.formHolder.replaceChildren() }, t.cancel));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      form.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
      const body = {};
      for (const [name, input] of Object.entries(fields)) if (input.value.trim()) body[name] = input.value.trim();
      if (!reauthorising) body.assigneeIds = [...form.querySelectorAll('input[name=assignee]:checked')].map((b) => Number(b.value));
      const save = form.querySelector('#save-channel');
      save.disabled = true;
      this.status.textContent = t.connecting;
      try {
        if (mode === 'RECONNECT') await this.api(`/api/whatsapp/channels/${channel.id}/reconnect`, 'POST', body);
        else if (channel) await this.api(`/api/whatsapp/channels/${channel.id}`, 'PATCH', body);
        else await this.api('/api/whatsapp/channels', 'POST', { mode, ...signupResult, ...body });
        await this.render();
        this.status.textContent = channel ? t.saved : t.connected;
      } catch (error) {
        const target = error.field && form.querySelector(`.field-error[data-field="${error.field}"]`);
        if (target) target.textContent = error.message;
        this.status.textContent = target ? '' : error.message;
        save.disabled = false;
      }
    });
    this.formHolder.replaceChildren(form);
  }

  async run(action) {
    try {
      this.status.textContent = this.t.connecting;
      const message = await action();
      await this.render();
      this.status.textContent = message || this.t.saved;
    } catch (error) {
      this.status.textContent = error.message;
    }
  }
}

if (!customElements.get('whatsapp-channels-settings')) customElements.define('whatsapp-channels-settings', ChannelsSettings);
