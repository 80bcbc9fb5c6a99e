import { el, startScreen, uploadForm } from './dom.js';

// Settings > Messages > Templates: write templates with merge fields, see them as the customer's phone would,
// submit them to Meta and follow their review. The server checks every rule again (and says so in the user's
// language); the counters here only spare a round trip.
const TEXT = {
  en: {
    title: 'Message templates',
    intro: 'Templates start new chats and reopen chats whose 24-hour window has closed. Meta reviews each one, usually within minutes.',
    add: '+ Template', sync: 'Sync now', syncing: 'Syncing with Meta…', synced: (r) => `Synced: ${r.imported} imported, ${r.updated} updated, ${r.removed} removed.`,
    name: 'Name', language: 'Language', category: 'Category', status: 'Status', text: 'Text', number: 'WhatsApp number',
    none: 'No templates yet. Create one, or press "Sync now" to bring in templates made in WhatsApp Manager.',
    anyStatus: 'Any status', search: 'Search by name',
    categories: { MARKETING: 'Marketing', UTILITY: 'Utility', AUTHENTICATION: 'Authentication' },
    categoryHelp: { MARKETING: 'Offers, news, invitations.', UTILITY: 'Updates on an order, a booking or an account the customer asked for.' },
    statuses: { PENDING: 'In review', APPROVED: 'Approved', REJECTED: 'Rejected', PAUSED: 'Paused', DISABLED: 'Disabled', FLAGGED: 'Flagged' },
    reasons: {
      ABUSIVE_CONTENT: 'Meta found abusive or threatening wording.',
      INCORRECT_CATEGORY: 'The category does not fit the text: offers and promotions are Marketing.',
      INVALID_FORMAT: 'The format is not valid: check the merge fields and the formatting.',
      PROMOTIONAL: 'Meta found the wording too pushy (such as "act now" or "click here").',
      SCAM: 'Meta suspected a scam: remove prizes, money requests and requests for personal data.',
      TAG_CONTENT_MISMATCH: 'The text is not in the language chosen: choose the language it is written in.',
      NONE: 'Meta gave no reason.',
    },
    advice: 'Meta advises:', editAgain: 'Edit it and submit it again.',
    pausedUntil: (when) => `Paused by Meta for low quality until ${when}; sends are refused meanwhile.`,
    disabled: 'Disabled by Meta after repeated low quality: create a new template.',
    flagged: 'Flagged for low quality: it still sends, but Meta may pause it.',
    recategorised: (from) => `Meta moved it from ${from}.`,
    quality: { GREEN: 'High quality', YELLOW: 'Medium quality', RED: 'Low quality', UNKNOWN: 'Quality not rated yet' },
    imported: 'Made in WhatsApp Manager', edit: 'Edit', remove: 'Delete', confirmRemove: 'Delete this template here and at Meta?',
    header: 'Header (optional)', headerNone: 'None', headerText: 'Text', headerImage: 'Image (.jpg, .png)',
    headerVideo: 'Video (.mp4)', headerDocument: 'Document (.pdf)', sampleHelp: 'A sample Meta reviews; it is also what customers see.',
    uploading: 'Uploading the sample…', body: 'Text', footer: 'Footer (optional)',
    buttons: 'Buttons (optional)', addQuickReply: '+ Quick reply', addUrl: '+ Link', addPhone: '+ Call',
    buttonText: 'Button text', url: 'Web address (may end in a merge field)', phone: 'Phone number with country code', removeButton: 'Remove',
    insertField: 'Insert a merge field:', fieldsUsed: 'Merge fields used:', preview: 'Preview with sample values',
    characters: (n, max) => `${n} / ${max} characters`, fields: (n, max) => `${n} / ${max} merge fields`,
    submit: 'Submit to Meta', saveChanges: 'Submit changes to Meta', cancel: 'Cancel', submitting: 'Submitting to Meta…',
    submitted: 'Submitted. Meta is reviewing it.', removed: 'Deleted.',
    nameHelp: 'Lowercase letters, digits and _, for example order_update.',
  },
  ja: {
    title: 'メッセージテンプレート',
    intro: 'テンプレートで新しいチャットを始めたり、24 時間の受付時間が過ぎたチャットを再開したりできます。Meta が 1 件ずつ審査します（通常は数分）。',
    add: '+ テンプレート', sync: '今すぐ同期', syncing: 'Meta と同期しています…', synced: (r) => `同期しました: 取り込み ${r.imported} 件、更新 ${r.updated} 件、削除 ${r.removed} 件。`,
    name: '名前', language: '言語', category: 'カテゴリー', status: '状態', text: '本文', number: 'WhatsApp 番号',
    none: 'テンプレートはまだありません。作成するか、「今すぐ同期」で WhatsApp マネージャーで作ったテンプレートを取り込んでください。',
    anyStatus: 'すべての状態', search: '名前で検索',
    categories: { MARKETING: 'マーケティング', UTILITY: 'ユーティリティ', AUTHENTICATION: '認証' },
    categoryHelp: { MARKETING: 'お知らせ、キャンペーン、ご案内など。', UTILITY: 'お客様が依頼した注文・予約・アカウントに関する連絡。' },
    statuses: { PENDING: '審査中', APPROVED: '承認済み', REJECTED: '却下', PAUSED: '一時停止', DISABLED: '無効', FLAGGED: '要注意' },
    reasons: {
      ABUSIVE_CONTENT: 'Meta が攻撃的・脅迫的な表現を見つけました。',
      INCORRECT_CATEGORY: 'カテゴリーが本文に合っていません。キャンペーンや宣伝はマーケティングです。',
      INVALID_FORMAT: '形式が正しくありません。差し込みフィールドと書式を確認してください。',
      PROMOTIONAL: 'Meta は表現が強引すぎると判断しました（「今すぐ」「ここをクリック」など）。',
      SCAM: 'Meta は詐欺の疑いがあると判断しました。賞品・送金・個人情報の要求を削除してください。',
      TAG_CONTENT_MISMATCH: '本文が選んだ言語で書かれていません。本文の言語を選んでください。',
      NONE: 'Meta は理由を示していません。',
    },
    advice: 'Meta からの助言:', editAgain: '編集して再申請してください。',
    pausedUntil: (when) => `品質が低いため Meta により ${when} まで一時停止されています。その間は送信できません。`,
    disabled: '品質の低下が続いたため Meta により無効にされました。新しいテンプレートを作成してください。',
    flagged: '品質が低いと判定されました。送信はできますが、一時停止される可能性があります。',
    recategorised: (from) => `Meta が ${from} から変更しました。`,
    quality: { GREEN: '品質: 高', YELLOW: '品質: 中', RED: '品質: 低', UNKNOWN: '品質: 未評価' },
    imported: 'WhatsApp マネージャーで作成', edit: '編集', remove: '削除', confirmRemove: 'このテンプレートをここと Meta から削除しますか？',
    header: 'ヘッダー（任意）', headerNone: 'なし', headerText: 'テキスト', headerImage: '画像（.jpg、.png）',
    headerVideo: '動画（.mp4）', headerDocument: '文書（.pdf）', sampleHelp: 'Meta の審査に使われるサンプルで、お客様にもこのファイルが表示されます。',
    uploading: 'サンプルをアップロードしています…', body: '本文', footer: 'フッター（任意）',
    buttons: 'ボタン（任意）', addQuickReply: '+ クイック返信', addUrl: '+ リンク', addPhone: '+ 電話',
    buttonText: 'ボタンの文字', url: 'ウェブアドレス（末尾に差し込みフィールドを入れられます）', phone: '国番号付きの電話番号', removeButton: '削除',
    insertField: '差し込みフィールドを挿入：', fieldsUsed: '使用中の差し込みフィールド：', preview: 'サンプル値でのプレビュー',
    characters: (n, max) => `${n} / ${max} 文字`, fields: (n, max) => `差し込みフィールド ${n} / ${max}`,
    submit: 'Meta に申請', saveChanges: '変更を Meta に申請', cancel: 'キャンセル', submitting: 'Meta に申請しています…',
    submitted: '申請しました。Meta が審査しています。', removed: '削除しました。',
    nameHelp: '小文字の英字、数字、_ で入力します（例: order_update）。',
  },
};

const LANGUAGES = [['en_US', 'English (US)'], ['en_GB', 'English (UK)'], ['ja', '日本語'], ['es', 'Español'], ['pt_BR', 'Português (BR)'],
  ['fr', 'Français'], ['de', 'Deutsch'], ['it', 'Italiano'], ['zh_CN', '中文（简体）'], ['zh_TW', '中文（繁體）'], ['ko', '한국어'],
  ['id', 'Bahasa Indonesia'], ['th', 'ไทย'], ['vi', 'Tiếng Việt'], ['ar', 'العربية'], ['he', 'עברית'], ['hi', 'हिन्दी']];
const LIMITS = { body: 900, fields: 10, header: 60, footer: 60, button: 25 };
const MERGE_FIELD = /#[^#\n]{1,60}#/g;
const REVIEW_POLL_MS = 3000;

function length(text) {
  return [...text].length;
}

class TemplatesSettings extends HTMLElement {
  connectedCallback() {
    this.filter = { status: '', q: '' };
    return startScreen(this, TEXT, () => this.render());
  }

  async render(message = '') {
    const t = this.t;
    const [channels, mergeFields] = await Promise.all([this.api('/api/whatsapp/channels'), this.api('/api/whatsapp/merge-fields')]);
    this.channels = channels.filter((channel) => channel.status !== 'DISCONNECTED');
    this.mergeFields = mergeFields;
    this.formHolder = el('div');
    this.listHolder = el('div', { id: 'templates-list' });
    this.status = el('p', { role: 'status', 'aria-live': 'polite', id: 'templates-status' }, message);
    const statusFilter = el('select', { id: 'status-filter', 'aria-label': t.status, onchange: (e) => { this.filter.status = e.target.value; this.refreshList(); } },
      el('option', { value: '' }, t.anyStatus),
      ...Object.entries(t.statuses).map(([value, label]) => el('option', { value, selected: this.filter.status === value }, label)));
    const search = el('input', { type: 'search', id: 'template-search', placeholder: t.search, 'aria-label': t.search, value: this.filter.q });
    search.addEventListener('change', () => { this.filter.q = search.value.trim(); this.refreshList(); });
    const sync = el('button', { type: 'button', id: 'sync-templates', onclick: () => this.sync(sync) }, t.sync);
    this.replaceChildren(el('link', { rel: 'stylesheet', href: new URL('./templates-settings.css', import.meta.url).pathname }),
      el('h2', {}, t.title), el('p', { class: 'muted' }, t.intro),
      el('div', { class: 'toolbar-row' }, el('button', { type: 'button', class: 'primary', id: 'add-template', onclick: () => this.form(null) }, t.add),
        sync, statusFilter, search),
      this.status, this.formHolder, this.listHolder);
    await this.refreshList();
  }

  disconnectedCallback() {
    clearTimeout(this.reviewPoll);
  }

  /**
   * Redraws the list only, so that a template being written stays as it is. While Meta reviews a template, the list
   * is read again every few seconds: the review's outcome shows without a reload.
   */
  async refreshList() {
    const t = this.t;
    clearTimeout(this.reviewPoll);
    const query = new URLSearchParams();
    if (this.filter.status) query.set('status', this.filter.status);
    if (this.filter.q) query.set('q', this.filter.q);
    const list = await this.api(`/api/whatsapp/templates?${query}`);
    this.listHolder.replaceChildren(list.items.length === 0 ? el('p', { class: 'muted' }, t.none) : el('table', { class: 'records', id: 'templates' },
      el('thead', {}, el('tr', {}, el('th', {}, t.name), el('th', {}, t.language), el('th', {}, t.category), el('th', {}, t.status),
        el('th', {}, t.text), el('th', {}))),
      el('tbody', {}, list.items.map((template) => this.row(template)))));
    if (list.items.some((template) => template.status === 'PENDING') && this.isConnected) {
      this.reviewPoll = setTimeout(() => this.refreshList().catch(() => {}), REVIEW_POLL_MS);
    }
  }

  row(template) {
    const t = this.t;
    return el('tr', { 'data-template-id': template.id, 'data-status': template.status },
      el('td', {}, el('code', {}, template.name), template.importedFromMeta ? el('div', { class: 'muted small' }, t.imported) : null),
      el('td', {}, template.language),
      el('td', {}, t.categories[template.category] || template.category,
        template.previousCategory ? el('div', { class: 'muted small' }, t.recategorised(t.categories[template.previousCategory] || template.previousCategory)) : null),
      el('td', { class: 'template-status' }, el('span', { class: `status-chip ${template.status}` }, t.statuses[template.status] || template.status),
        this.explanation(template),
        template.quality ? el('div', { class: 'muted small' }, t.quality[template.quality] || template.quality) : null),
      el('td', { class: 'template-text' }, template.body),
      el('td', {}, template.importedFromMeta ? null : el('button', { type: 'button', class: 'edit', onclick: () => this.form(template) }, t.edit),
        el('button', { type: 'button', class: 'remove', onclick: () => this.remove(template) }, t.remove)));
  }

  /** What the status means for the administrator, in words they can act on. */
  explanation(template) {
    const t = this.t;
    if (template.status === 'REJECTED') {
      return el('div', { class: 'rejection small' },
        el('div', {}, t.reasons[template.rejectionReason] || t.reasons.NONE),
        template.recommendation ? el('div', {}, `${t.advice} ${template.recommendation}`) : null,
        el('div', {}, t.editAgain));
    }
    if (template.status === 'PAUSED') {
      const until = template.pausedUntil ? new Date(template.pausedUntil).toLocaleString(this.language) : '';
      return el('div', { class: 'small' }, t.pausedUntil(until));
    }
    if (template.status === 'DISABLED') return el('div', { class: 'small' }, t.disabled);
    if (template.status === 'FLAGGED') return el('div', { class: 'small' }, t.flagged);
    return null;
  }

  async sync(button) {
    button.disabled = true;
    this.status.textContent = this.t.syncing;
    try {
      const result = await this.api('/api/whatsapp/templates/sync', 'POST', {});
      this.status.textContent = this.t.synced(result);
      await this.refreshList();
    } catch (failure) {
      this.status.textContent = failure.message;
    } finally {
      button.disabled = false;
    }
  }

  async remove(template) {
    if (!window.confirm(this.t.confirmRemove)) return;
    try {
      await this.api(`/api/whatsapp/templates/${template.id}`, 'DELETE');
      this.status.textContent = this.t.removed;
      await this.refreshList();
    } catch (failure) {
      this.status.textContent = failure.message;
    }
  }

  form(template) {
    const t = this.t;
    const name = el('input', { name: 'name', value: template ? template.name : '', disabled: !!template, autocomplete: 'off' });
    const language = el('select', { name: 'language', disabled: !!template },
      LANGUAGES.map(([code, label]) => el('option', { value: code, selected: (template ? template.language : (this.language === 'ja' ? 'ja' : 'en_US')) === code }, label)));
    const number = el('select', { name: 'channelId', disabled: !!template },
      this.channels.map((channel) => el('option', { value: channel.id }, `${channel.name} (${channel.displayPhoneNumber})`)));
    const category = (value) => el('label', { class: 'inline' }, el('input', { type: 'radio', name: 'category', value,
      checked: (template ? template.category : 'UTILITY') === value }), ` ${t.categories[value]}`,
    el('span', { class: 'muted small' }, ` — ${t.categoryHelp[value]}`));
    const current = template && template.header ? template.header.format : '';
    const headerKind = el('select', { name: 'headerKind' }, [['', t.headerNone], ['TEXT', t.headerText], ['IMAGE', t.headerImage],
      ['VIDEO', t.headerVideo], ['DOCUMENT', t.headerDocument]].map(([value, label]) => el('option', { value, selected: current === value }, label)));
    const headerText = el('input', { name: 'header', value: template && template.header ? template.header.text || '' : '' });
    // A media header's sample goes to Meta as soon as it is chosen; the template names it by Meta's handle.
    let sample = template && template.header && template.header.sampleHandle
      ? { format: template.header.format, sampleHandle: template.header.sampleHandle, sampleName: template.header.sampleName } : null;
    const sampleFile = el('input', { type: 'file', name: 'headerSample', accept: '.jpg,.jpeg,.png,.mp4,.pdf' });
    const sampleStatus = el('span', { class: 'muted small', id: 'sample-status' }, sample ? sample.sampleName : t.sampleHelp);
    const sampleBox = el('div', { class: 'sample' }, sampleFile, ' ', sampleStatus);
    sampleFile.addEventListener('change', async () => {
      if (!sampleFile.files[0]) return;
      const upload = new FormData();
      upload.append('file', sampleFile.files[0], sampleFile.files[0].name);
      if (number.value) upload.append('channelId', number.value);
      sampleStatus.textContent = t.uploading;
      try {
        sample = await uploadForm('/api/whatsapp/templates/header-samples', upload, this.csrf,
          (share) => { sampleStatus.textContent = `${t.uploading} ${Math.round(share * 100)}%`; });
        sampleStatus.textContent = sample.sampleName;
        error.textContent = '';
      } catch (failure) {
        sample = null;
        sampleStatus.textContent = '';
        error.textContent = failure.message;
      }
      changed();
    });
    const body = el('textarea', { name: 'body', rows: 6 });
    body.value = template ? template.body : '';
    const footer = el('input', { name: 'footer', value: template && template.footer ? template.footer : '' });
    const buttons = el('div', { id: 'template-buttons' });
    const counters = { header: el('span', { class: 'counter small' }), body: el('span', { class: 'counter small', id: 'body-counter' }),
      fields: el('span', { class: 'counter small', id: 'fields-counter' }), footer: el('span', { class: 'counter small' }) };
    const usedFields = el('div', { class: 'chips', id: 'fields-used' });
    const preview = el('div', { class: 'phone-preview', id: 'template-preview' });
    const error = el('p', { class: 'error', id: 'template-error' });
    let lastFocused = body;
    [headerText, body].forEach((input) => input.addEventListener('focus', () => { lastFocused = input; }));

    const addButton = (button) => {
      const text = el('input', { name: 'buttonText', placeholder: t.buttonText, value: button.text || '' });
      const extra = button.type === 'URL' ? el('input', { name: 'buttonUrl', placeholder: t.url, value: button.url || '' })
        : button.type === 'PHONE_NUMBER' ? el('input', { name: 'buttonPhone', placeholder: t.phone, value: button.phoneNumber || '' }) : null;
      const row = el('div', { class: 'template-button', 'data-type': button.type }, el('span', { class: 'muted small' }, button.type === 'URL' ? t.addUrl.slice(2)
        : button.type === 'PHONE_NUMBER' ? t.addPhone.slice(2) : t.addQuickReply.slice(2)), text, extra,
      el('button', { type: 'button', class: 'link', onclick: () => { row.remove(); changed(); } }, t.removeButton));
      [text, extra].filter(Boolean).forEach((input) => input.addEventListener('input', changed));
      buttons.append(row);
    };
    const draft = () => ({
      channelId: number.value ? Number(number.value) : undefined,
      name: name.value.trim(), language: language.value,
      category: (this.querySelector('input[name=category]:checked') || {}).value || 'UTILITY',
      body: body.value,
      header: headerKind.value === 'TEXT' ? { format: 'TEXT', text: headerText.value }
        : headerKind.value ? { format: headerKind.value, ...(sample && sample.format === headerKind.value ? sample : {}) } : undefined,
      footer: footer.value.trim() || undefined,
      buttons: [...buttons.querySelectorAll('.template-button')].map((row) => ({
        type: row.dataset.type, text: row.querySelector('[name=buttonText]').value,
        url: row.dataset.type === 'URL' ? row.querySelector('[name=buttonUrl]').value : undefined,
        phoneNumber: row.dataset.type === 'PHONE_NUMBER' ? row.querySelector('[name=buttonPhone]').value : undefined,
      })),
    });
    let pending = null;
    const changed = () => {
      headerText.hidden = headerKind.value !== 'TEXT';
      // style, not the hidden attribute: the screen's classes give these elements a display of their own.
      sampleBox.style.display = !headerKind.value || headerKind.value === 'TEXT' ? 'none' : '';
      const fieldsInUse = [...body.value.matchAll(MERGE_FIELD), ...(headerKind.value === 'TEXT' ? headerText.value.matchAll(MERGE_FIELD) : [])]
        .map((m) => m[0]);
      counters.body.textContent = t.characters(length(body.value.trim()), LIMITS.body);
      counters.body.classList.toggle('over', length(body.value.trim()) > LIMITS.body);
      counters.fields.textContent = t.fields(fieldsInUse.length, LIMITS.fields);
      counters.fields.classList.toggle('over', fieldsInUse.length > LIMITS.fields);
      counters.header.textContent = headerKind.value === 'TEXT' ? t.characters(length(headerText.value.trim()), LIMITS.header) : '';
      counters.footer.textContent = t.characters(length(footer.value.trim()), LIMITS.footer);
      usedFields.replaceChildren(...(fieldsInUse.length ? [el('span', { class: 'muted small' }, t.fieldsUsed)] : []),
        ...[...new Set(fieldsInUse)].map((field) => el('span', { class: 'chip' }, field)));
      clearTimeout(pending);
      // The server checks the draft as it would on submission and fills the preview; nothing is saved.
      pending = setTimeout(async () => {
        try {
          const filled = await this.api('/api/whatsapp/templates/draft-preview', 'POST', draft());
          error.textContent = '';
          const media = headerKind.value && headerKind.value !== 'TEXT' && sample ? `[${sample.sampleName}]` : null;
          this.showPreview(preview, filled.text, draft().buttons, media);
        } catch (failure) {
          error.textContent = body.value.trim() ? failure.message : '';
        }
      }, 300);
    };
    [name, headerText, body, footer].forEach((input) => input.addEventListener('input', changed));
    [language, headerKind].forEach((input) => input.addEventListener('change', changed));

    const picker = el('div', { class: 'merge-fields', id: 'template-field-picker' }, el('span', { class: 'muted small' }, t.insertField),
      ...this.mergeFields.map((field) => el('button', { type: 'button', class: 'chip', 'data-field': field, onclick: () => {
        const input = lastFocused;
        const at = input.selectionStart ?? input.value.length;
        input.value = input.value.slice(0, at) + field + input.value.slice(input.selectionEnd ?? at);
        input.focus();
        input.setSelectionRange(at + field.length, at + field.length);
        changed();
      } }, field)));
    const submit = el('button', { type: 'submit', class: 'primary', id: 'submit-template' }, template ? t.saveChanges : t.submit);
    const form = el('form', { class: 'fields card template-form', id: 'template-form', novalidate: true },
      el('div', { class: 'template-editor' },
        el('div', {},
          this.channels.length > 1 ? el('label', {}, el('span', {}, t.number), number) : null,
          el('label', {}, el('span', {}, t.name), name, el('span', { class: 'muted small' }, t.nameHelp)),
          el('label', {}, el('span', {}, t.language), language),
          el('fieldset', {}, el('legend', {}, t.category), category('UTILITY'), category('MARKETING')),
          el('label', {}, el('span', {}, t.header), headerKind, headerText, counters.header, sampleBox),
          el('label', {}, el('span', {}, t.body), body), el('div', { class: 'counters' }, counters.body, ' · ', counters.fields),
          picker, usedFields,
          el('label', {}, el('span', {}, t.footer), footer, counters.footer),
          el('div', {}, el('span', { class: 'muted small' }, t.buttons), buttons,
            el('button', { type: 'button', onclick: () => { addButton({ type: 'QUICK_REPLY' }); changed(); } }, t.addQuickReply),
            el('button', { type: 'button', onclick: () => { addButton({ type: 'URL' }); changed(); } }, t.addUrl),
            el('button', { type: 'button', onclick: () => { addButton({ type: 'PHONE_NUMBER' }); changed(); } }, t.addPhone))),
        el('div', {}, el('span', { class: 'muted small' }, t.preview), preview)),
      error, submit, el('button', { type: 'button', onclick: () => this.formHolder.replaceChildren() }, t.cancel));
    (template ? template.buttons : []).forEach(addButton);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      submit.disabled = true;
      this.status.textContent = t.submitting;
      try {
        if (template) await this.api(`/api/whatsapp/templates/${template.id}`, 'PUT', draft());
        else await this.api('/api/whatsapp/templates', 'POST', draft());
        this.formHolder.replaceChildren();
        this.status.textContent = t.submitted;
        await this.refreshList();
      } catch (failure) {
        this.status.textContent = '';
        error.textContent = failure.message;
        submit.disabled = false;
      }
    });
    this.formHolder.replaceChildren(form);
    changed();
    name.focus();
  }

  /** The template as the customer's phone shows it: header, text, footer, then its buttons. */
  showPreview(preview, text, buttons, media) {
    preview.replaceChildren(el('div', { class: 'bubble-preview' }, media ? el('div', { class: 'media-preview' }, media) : null, text),
      ...buttons.filter((button) => button.text).map((button) => el('div', { class: 'button-preview' }, button.text)));
  }
}

if (!customElements.get('whatsapp-templates-settings')) customElements.define('whatsapp-templates-settings', TemplatesSettings);
