import { el, startScreen } from './dom.js';

// Settings > Messages > Delivery problems: webhook events that could not be processed after every attempt
// (a customer's message or a status), with why, and a retry or a dismiss for each.
const TEXT = {
  en: {
    title: 'Delivery problems',
    intro: 'Messages and statuses from WhatsApp that could not be processed after several attempts. Fix the cause if the reason names one, then retry; dismiss what is not needed.',
    none: 'No delivery problems. Every message from WhatsApp was processed.',
    when: 'Received', number: 'Number', customer: 'Customer', kind: 'Kind', reason: 'Why', attempts: 'Attempts',
    retry: 'Retry', dismiss: 'Dismiss', more: 'Show more', retried: 'Sent for processing again.', dismissed: 'Dismissed.',
    confirmDismiss: 'Dismiss this problem? The event will not be processed.', working: 'Working…',
    kinds: { MESSAGE: 'Message', STATUS: 'Status', TEMPLATE_STATUS: 'Template update', ERROR: 'Error' },
  },
  ja: {
    title: '配信の問題',
    intro: '何度か試みても処理できなかった WhatsApp のメッセージとステータスです。理由に原因が示されていれば解消してから再試行し、不要なものは破棄してください。',
    none: '配信の問題はありません。WhatsApp からのメッセージはすべて処理されました。',
    when: '受信日時', number: '番号', customer: '顧客', kind: '種類', reason: '理由', attempts: '試行回数',
    retry: '再試行', dismiss: '破棄', more: 'さらに表示', retried: '再処理に回しました。', dismissed: '破棄しました。',
    confirmDismiss: 'この問題を破棄しますか？このイベントは処理されません。', working: '処理中…',
    kinds: { MESSAGE: 'メッセージ', STATUS: 'ステータス', TEMPLATE_STATUS: 'テンプレートの更新', ERROR: 'エラー' },
  },
};

class DeliveryProblemsSettings extends HTMLElement {
  connectedCallback() {
    return startScreen(this, TEXT, () => this.render());
  }

  async render(message = '') {
    const t = this.t;
    const page = await this.api('/api/whatsapp/delivery-problems?limit=50');
    this.rows = el('tbody');
    this.status = el('p', { role: 'status', 'aria-live': 'polite' }, message);
    this.more = el('div');
    this.replaceChildren(el('h2', {}, t.title), el('p', { class: 'muted' }, t.intro),
      page.items.length === 0 ? el('p', { class: 'muted', id: 'no-delivery-problems' }, t.none)
        : el('table', { class: 'records', id: 'delivery-problems' },
          el('thead', {}, el('tr', {}, [t.when, t.number, t.customer, t.kind, t.reason, t.attempts, ''].map((h) => el('th', {}, h)))),
          this.rows),
      this.more, this.status);
    this.append(page);
  }

  append(page) {
    const t = this.t;
    const time = new Intl.DateTimeFormat(this.language, { dateStyle: 'medium', timeStyle: 'short' });
    for (const problem of page.items) {
      const actions = el('td', {});
      const act = async (action, doneMessage) => {
        actions.querySelectorAll('button').forEach((button) => { button.disabled = true; });
        this.status.textContent = t.working;
        try {
          await this.api(`/api/whatsapp/delivery-problems/${problem.id}/${action}`, 'POST');
          await this.render(doneMessage);
        } catch (failure) {
          this.status.textContent = failure.message;
          actions.querySelectorAll('button').forEach((button) => { button.disabled = false; });
        }
      };
      actions.append(
        el('button', { type: 'button', class: 'primary', onclick: () => act('retry', t.retried) }, t.retry),
        el('button', { type: 'button', onclick: () => { if (window.confirm(t.confirmDismiss)) act('dismiss', t.dismissed); } }, t.dismiss));
      this.rows.append(el('tr', { 'data-problem-id': problem.id },
        el('td', {}, time.format(new Date(problem.receivedAt))),
        el('td', {}, problem.phoneNumber, el('br'), el('span', { class: 'muted' }, problem.channelName)),
        el('td', {}, problem.customer || ''),
        el('td', {}, t.kinds[problem.kind] || problem.kind),
        el('td', { style: 'white-space: pre-wrap; overflow-wrap: anywhere' }, problem.reason),
        el('td', {}, problem.attempts),
        actions));
    }
    this.more.replaceChildren();
    if (page.nextCursor) {
      this.more.append(el('button', { type: 'button', onclick: async () => {
        this.append(await this.api(`/api/whatsapp/delivery-problems?limit=50&cursor=${encodeURIComponent(page.nextCursor)}`));
      } }, t.more));
    }
  }
}

if (!customElements.get('whatsapp-delivery-problems-settings')) {
  customElements.define('whatsapp-delivery-problems-settings', DeliveryProblemsSettings);
}
