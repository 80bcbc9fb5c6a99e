import { el, startScreen } from './dom.js';

// Settings > Messages > Quick replies: predefined replies agents insert by typing their /shortcut.
const TEXT = {
  en: {
    title: 'Quick replies', intro: 'Agents insert a quick reply by typing its shortcut in the composer. Merge fields are filled from the contact, its company and its deal:',
    shortcut: 'Shortcut', text: 'Text', add: 'Add quick reply', save: 'Save', edit: 'Edit', remove: 'Delete', cancel: 'Cancel',
    none: 'No quick replies yet.', confirmRemove: 'Delete this quick reply?', saved: 'Saved.',
    insertField: 'Insert a merge field:',
  },
  ja: {
    title: 'クイック返信', intro: 'エージェントは作成欄でショートカットを入力してクイック返信を挿入します。差し込みフィールドは連絡先・会社・商談の情報で置き換えられます:',
    shortcut: 'ショートカット', text: 'テキスト', add: 'クイック返信を追加', save: '保存', edit: '編集', remove: '削除', cancel: 'キャンセル',
    none: 'クイック返信はまだありません。', confirmRemove: 'このクイック返信を削除しますか？', saved: '保存しました。',
    insertField: '差し込みフィールドを挿入：',
  },
};

class QuickRepliesSettings extends HTMLElement {
  connectedCallback() {
    return startScreen(this, TEXT, () => this.render());
  }

  async render(message = '') {
    const t = this.t;
    const [replies, mergeFields] = await Promise.all([this.api('/api/whatsapp/quick-replies'),
      this.api('/api/whatsapp/merge-fields')]);
    this.mergeFields = mergeFields;
    this.formHolder = el('div');
    this.status = el('p', { role: 'status', 'aria-live': 'polite' }, message);
    this.replaceChildren(el('h2', {}, t.title), el('p', { class: 'muted' }, t.intro, ' ', mergeFields.join(' ')),
      replies.length === 0 ? el('p', { class: 'muted' }, t.none) : el('table', { class: 'records', id: 'quick-replies' },
        el('thead', {}, el('tr', {}, el('th', {}, t.shortcut), el('th', {}, t.text), el('th', {}))),
        el('tbody', {}, replies.map((reply) => el('tr', { 'data-quick-reply-id': reply.id },
          el('td', {}, el('code', {}, reply.shortcut)), el('td', { style: 'white-space: pre-wrap' }, reply.text),
          el('td', {}, el('button', { type: 'button', onclick: () => this.form(reply) }, t.edit),
            el('button', { type: 'button', onclick: async () => {
              if (window.confirm(t.confirmRemove)) {
                await this.api(`/api/whatsapp/quick-replies/${reply.id}`, 'DELETE');
                await this.render(t.saved);
              }
            } }, t.remove)))))),
      el('button', { type: 'button', class: 'primary', id: 'add-quick-reply', onclick: () => this.form(null) }, t.add),
      this.formHolder, this.status);
  }

  form(reply) {
    const t = this.t;
    const shortcut = el('input', { name: 'shortcut', placeholder: '/hours' });
    const text = el('textarea', { name: 'text', rows: 4 });
    shortcut.value = reply ? reply.shortcut : '/';
    text.value = reply ? reply.text : '';
    const error = el('p', { class: 'error' });
    // Merge fields go in where the cursor is, spelled as the server expects them.
    const picker = el('div', { class: 'merge-fields', id: 'merge-field-picker' }, el('span', { class: 'muted small' }, t.insertField),
      ...this.mergeFields.map((field) => el('button', { type: 'button', class: 'chip', 'data-field': field, onclick: () => {
        const at = text.selectionStart ?? text.value.length;
        text.value = text.value.slice(0, at) + field + text.value.slice(text.selectionEnd ?? at);
        text.focus();
        text.setSelectionRange(at + field.length, at + field.length);
      } }, field)));
    const form = el('form', { class: 'fields card', id: 'quick-reply-form' },
      el('label', {}, el('span', {}, t.shortcut), shortcut), el('label', {}, el('span', {}, t.text), text), picker, error,
      el('button', { type: 'submit', class: 'primary' }, t.save),
      el('button', { type: 'button', onclick: () => this.formHolder.replaceChildren() }, t.cancel));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const body = { shortcut: shortcut.value, text: text.value };
        if (reply) await this.api(`/api/whatsapp/quick-replies/${reply.id}`, 'PUT', body);
        else await this.api('/api/whatsapp/quick-replies', 'POST', body);
        await this.render(t.saved);
      } catch (failure) {
        this.status.textContent = '';
        error.textContent = failure.message;
      }
    });
    this.formHolder.replaceChildren(form);
  }
}

if (!customElements.get('whatsapp-quick-replies-settings')) customElements.define('whatsapp-quick-replies-settings', QuickRepliesSettings);
