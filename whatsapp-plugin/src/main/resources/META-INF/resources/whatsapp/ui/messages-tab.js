import { apiClient, el, uploadForm } from './dom.js';

// The Messages tab: WhatsApp conversations beside the CRM. A list (All / My, unread, search, pages) and the
// open thread; live updates over server-sent events. Customer text is only ever set with textContent.
const TEXT = {
  en: {
    all: 'All conversations', mine: 'My conversations', unreadOnly: 'Unread only', search: 'Search messages and names',
    more: 'Load more', empty: 'No conversations yet. When a customer writes to a connected number, the chat appears here.',
    noMatch: 'No conversation matches this search: try a name, words of a message or a phone number.',
    choose: 'Choose a conversation.', owner: 'Owner', unassigned: 'Unassigned', markUnread: 'Mark unread', markRead: 'Mark read',
    earlier: 'Earlier messages', windowOpen: 'Reply window open until', windowClosed: 'The 24-hour reply window is closed.',
    unreadBadge: 'unread', noAccess: 'Your profile has no access to WhatsApp messages. Ask an administrator.',
    location: 'Open map', failed: 'Not delivered', reconnecting: 'Live updates paused, reconnecting…',
    image: 'Image', video: 'Video', audio: 'Audio', document: 'Document', sticker: 'Sticker', unsupported: 'A message WhatsApp cannot show here',
    quoted: 'Reply to', reaction: 'Reaction', downloading: 'downloading…', retryDownload: 'Try the download again',
    typeHere: 'Write an answer, or / for quick replies', send: 'Send', sending: 'Sending…', retrySend: 'Send again',
    reply: 'Reply to this message', cancelQuote: 'Do not quote',
    attach: 'Attach a file', attachShort: 'File', removeFile: 'Remove the file', captionHere: 'Add a caption (optional)',
    uploading: 'Uploading', uploadBroke: 'The upload broke off. Check the connection and send again.',
    notAccepted: 'WhatsApp answers can carry .JPG .JPEG .PNG .PDF .MP3 .MP4 .DOC .DOCX files only.',
    tooLarge: (kind, mb) => `This ${kind} is larger than WhatsApp allows (${mb} MB). Choose a smaller file.`,
    closesIn: (h, m) => `Reply window closes in ${h} h ${m} min`, closesSoon: (m) => `Reply window closes in ${m} min`,
    closedHelp: 'The customer last wrote more than 24 hours ago. WhatsApp allows only an approved message template until they write again.',
  },
  ja: {
    all: 'すべての会話', mine: '自分の会話', unreadOnly: '未読のみ', search: 'メッセージと名前を検索',
    more: 'さらに読み込む', empty: 'まだ会話はありません。お客様が接続済みの番号にメッセージを送ると、ここに表示されます。',
    noMatch: 'この検索に一致する会話はありません。名前、メッセージの言葉、電話番号で検索してください。',
    choose: '会話を選んでください。', owner: '担当者', unassigned: '未割り当て', markUnread: '未読にする', markRead: '既読にする',
    earlier: '以前のメッセージ', windowOpen: '返信可能期間の終了', windowClosed: '24 時間の返信可能期間は終了しました。',
    unreadBadge: '件の未読', noAccess: 'あなたのプロファイルには WhatsApp メッセージへのアクセス権がありません。管理者に依頼してください。',
    location: '地図を開く', failed: '未配信', reconnecting: 'ライブ更新を再接続しています…',
    image: '画像', video: '動画', audio: '音声', document: 'ドキュメント', sticker: 'ステッカー', unsupported: 'ここでは表示できないメッセージ',
    quoted: '返信先', reaction: 'リアクション', downloading: 'ダウンロード中…', retryDownload: 'ダウンロードを再試行',
    typeHere: '返信を入力、または / でクイック返信', send: '送信', sending: '送信中…', retrySend: '再送信',
    reply: 'このメッセージに返信', cancelQuote: '引用をやめる',
    attach: 'ファイルを添付', attachShort: 'ファイル', removeFile: 'ファイルを外す', captionHere: 'キャプションを追加（任意）',
    uploading: 'アップロード中', uploadBroke: 'アップロードが中断されました。接続を確認して、もう一度送信してください。',
    notAccepted: 'WhatsApp の返信で送れるファイルは .JPG .JPEG .PNG .PDF .MP3 .MP4 .DOC .DOCX のみです。',
    tooLarge: (kind, mb) => `このファイルは WhatsApp の上限（${mb} MB）を超えています。小さいファイルを選んでください。`,
    closesIn: (h, m) => `返信可能期間の残り ${h} 時間 ${m} 分`, closesSoon: (m) => `返信可能期間の残り ${m} 分`,
    closedHelp: 'お客様の最後のメッセージから 24 時間以上経過しました。お客様が再びメッセージを送るまで、承認済みのメッセージテンプレートのみ送信できます。',
  },
};

const TICKS = { QUEUED: '🕓', SENT: '✓', DELIVERED: '✓✓', READ: '✓✓', FAILED: '⚠' };

// What an answer may carry, by extension: WhatsApp's kind and Meta's size limit for it. The server checks the
// content again; this only spares the user an upload that would be refused.
const FILE_KINDS = {
  jpg: ['image', 5], jpeg: ['image', 5], png: ['image', 5], pdf: ['document', 100], doc: ['document', 100],
  docx: ['document', 100], mp3: ['audio', 16], mp4: ['video', 16],
};

class MessagesTab extends HTMLElement {
  async connectedCallback() {
    this.lang = this.getAttribute('lang') === 'ja' ? 'ja' : 'en';
    this.t = TEXT[this.lang];
    this.state = { view: 'ALL', unread: false, q: '', cursor: null, openId: null };
    this.api = apiClient(() => this.csrf);
    this.build();
    try {
      const session = await this.api('/api/crm/session');
      this.me = session.user;
      this.csrf = session.csrfToken;
      this.users = await this.api('/api/whatsapp/users');
      this.mayReply = (await this.api('/api/whatsapp/me')).level === 'VIEW_AND_REPLY';
      this.quickReplies = this.mayReply ? await this.api('/api/whatsapp/quick-replies') : [];
      await Promise.all([this.loadList(true), this.loadBadge()]);
      const requested = Number(new URLSearchParams(window.location.search).get('conversation'));
      if (requested) await this.open(requested);
      this.listen();
      this.refresher = setInterval(() => { this.loadList(true); this.loadBadge(); }, 30000);
    } catch (error) {
      this.replaceChildren(el('p', { class: 'error' }, error.status === 403 ? this.t.noAccess : error.message));
    }
  }

  disconnectedCallback() {
    if (this.events) this.events.close();
    clearInterval(this.refresher);
    clearInterval(this.windowTimer);
    clearTimeout(this.windowCloser);
  }

  build() {
    const t = this.t;
    this.badge = el('span', { class: 'unread-badge', id: 'unread-total' });
    this.views = ['ALL', 'MINE'].map((view) => el('button', { type: 'button', 'data-view': view,
      class: view === 'ALL' ? 'active' : null, onclick: () => this.setView(view) }, view === 'ALL' ? t.all : t.mine));
    const unread = el('input', { type: 'checkbox', id: 'unread-only', onchange: (e) => { this.state.unread = e.target.checked; this.loadList(true); } });
    const search = el('input', { type: 'search', id: 'conversation-search', placeholder: t.search, 'aria-label': t.search });
    let debounce;
    search.addEventListener('input', () => { clearTimeout(debounce); debounce = setTimeout(() => { this.state.q = search.value.trim(); this.loadList(true); }, 250); });
    this.list = el('ul', { class: 'conversation-list', id: 'conversations' });
    this.more = el('button', { type: 'button', hidden: true, onclick: () => this.loadList(false) }, t.more);
    this.empty = el('p', { class: 'muted', hidden: true }, t.empty);
    this.notice = el('p', { class: 'muted live-notice', hidden: true }, t.reconnecting);
    this.thread = el('section', { class: 'thread', id: 'thread' }, el('p', { class: 'muted' }, t.choose));
    this.replaceChildren(el('style', {}, STYLE), el('div', { class: 'messages-layout' },
      el('aside', {}, el('div', { class: 'views' }, ...this.views, this.badge),
        el('label', { class: 'inline' }, unread, ` ${t.unreadOnly}`), search, this.notice, this.list, this.empty, this.more),
      this.thread));
  }

  setView(view) {
    this.state.view = view;
    this.views.forEach((button) => button.classList.toggle('active', button.dataset.view === view));
    this.loadList(true);
  }

  async loadBadge() {
    const { count } = await this.api('/api/whatsapp/unread-count');
    this.badge.textContent = count > 0 ? `${count} ${this.t.unreadBadge}` : '';
  }

  async loadList(reset) {
    const query = new URLSearchParams({ view: this.state.view, limit: '30' });
    if (this.state.unread) query.set('unread', 'true');
    if (this.state.q) query.set('q', this.state.q);
    if (!reset && this.state.cursor) query.set('cursor', this.state.cursor);
    const page = await this.api(`/api/whatsapp/conversations?${query}`);
    if (reset) this.list.replaceChildren();
    for (const c of page.items) this.list.append(this.listItem(c));
    this.state.cursor = page.nextCursor;
    this.more.hidden = !page.nextCursor;
    this.empty.hidden = this.list.children.length > 0;
    this.empty.textContent = this.state.q ? this.t.noMatch : this.t.empty;
  }

  listItem(c) {
    const when = new Date(c.lastMessageAt).toLocaleString(this.lang);
    return el('li', { 'data-conversation-id': c.id, class: c.id === this.state.openId ? 'open' : null, onclick: () => this.open(c.id) },
      el('div', { class: 'row' }, el('strong', { class: 'name' }, c.contactName),
        c.unreadCount > 0 ? el('span', { class: 'count' }, c.unreadCount) : null),
      el('div', { class: 'preview' }, c.lastMessagePreview),
      el('div', { class: 'muted small' }, c.phone || '', ' · ', when));
  }

  async open(id) {
    this.state.openId = id;
    this.list.querySelectorAll('li').forEach((li) => li.classList.toggle('open', Number(li.dataset.conversationId) === id));
    await this.showThread(await this.readConversation(id));
  }

  /** The conversation, marked read (the list and badge follow) since the user is looking at it. */
  async readConversation(id) {
    let conversation = await this.api(`/api/whatsapp/conversations/${id}`);
    if (conversation.unreadCount > 0) {
      conversation = await this.api(`/api/whatsapp/conversations/${id}/read`, 'POST', {});
      this.refreshItem(conversation);
      this.loadBadge();
    }
    return conversation;
  }

  /**
   * Brings the open thread up to date (new messages, ticks, the window) without touching the composer, so
   * that what the user is typing or attaching survives live updates.
   */
  async refreshThread(id) {
    const conversation = await this.readConversation(id);
    const bubbles = this.thread.querySelector('#bubbles');
    const windowOpen = Boolean(conversation.windowExpiresAt) && new Date(conversation.windowExpiresAt) > new Date();
    if (this.state.openId !== id || !bubbles || (this.mayReply && windowOpen !== Boolean(this.composerForm))) {
      if (this.state.openId === id) await this.showThread(conversation);
      return;
    }
    const messages = await this.api(`/api/whatsapp/conversations/${id}/messages?limit=100`);
    const atBottom = bubbles.scrollTop + bubbles.clientHeight >= bubbles.scrollHeight - 40;
    const byWamid = new Map(messages.filter((m) => m.wamid).map((m) => [m.wamid, m]));
    bubbles.replaceChildren(...messages.map((m) => this.bubble(m, byWamid)));
    if (atBottom) bubbles.scrollTop = bubbles.scrollHeight;
    this.tickWindow(conversation);
  }

  refreshItem(conversation) {
    const old = this.list.querySelector(`li[data-conversation-id="${conversation.id}"]`);
    if (old) old.replaceWith(this.listItem(conversation));
  }

  async showThread(conversation) {
    const t = this.t;
    const messages = await this.api(`/api/whatsapp/conversations/${conversation.id}/messages?limit=100`);
    const owner = el('select', { id: 'owner-select', 'aria-label': t.owner },
      el('option', { value: '' }, t.unassigned),
      this.users.filter((u) => u.active || u.id === conversation.ownerId).map((u) => el('option', { value: u.id }, u.name)));
    owner.value = conversation.ownerId == null ? '' : String(conversation.ownerId);
    owner.addEventListener('change', async () => {
      if (!owner.value) return;
      try {
        this.refreshItem(await this.api(`/api/whatsapp/conversations/${conversation.id}`, 'PATCH', { ownerId: Number(owner.value) }));
      } catch (error) {
        owner.value = conversation.ownerId == null ? '' : String(conversation.ownerId);
        window.alert(error.message);
      }
    });
    const unread = el('button', { type: 'button', id: 'mark-unread', onclick: async () => {
      this.refreshItem(await this.api(`/api/whatsapp/conversations/${conversation.id}/unread`, 'POST', {}));
      this.loadBadge();
    } }, t.markUnread);
    this.composerForm = null;
    const composer = this.mayReply ? this.composer(conversation) : null;
    const byWamid = new Map(messages.filter((m) => m.wamid).map((m) => [m.wamid, m]));
    const earlier = el('button', { type: 'button', class: 'earlier', hidden: messages.length < 100 }, t.earlier);
    earlier.addEventListener('click', async () => {
      const first = this.thread.querySelector('#bubbles li');
      const older = await this.api(`/api/whatsapp/conversations/${conversation.id}/messages?limit=100&before=${first.dataset.messageId}`);
      older.forEach((m) => byWamid.set(m.wamid, m));
      first.before(...older.map((m) => this.bubble(m, byWamid)));
      earlier.hidden = older.length < 100;
    });
    this.thread.replaceChildren(
      el('header', { class: 'thread-header' },
        el('div', {}, el('h2', { id: 'thread-title' }, conversation.contactName), el('div', { class: 'muted' }, conversation.phone || '')),
        el('label', {}, `${t.owner} `, owner), unread),
      el('p', { class: 'muted window', id: 'window-countdown', title: conversation.windowExpiresAt
        ? `${t.windowOpen} ${new Date(conversation.windowExpiresAt).toLocaleString(this.lang)}` : '' }),
      earlier,
      el('ol', { class: 'bubbles', id: 'bubbles' }, messages.map((m) => this.bubble(m, byWamid))),
      composer);
    const bubbles = this.thread.querySelector('#bubbles');
    bubbles.scrollTop = bubbles.scrollHeight;
    this.tickWindow(conversation);
  }

  /** Counts the 24-hour window down every half minute; when it closes, the composer gives way to the template offer. */
  tickWindow(conversation) {
    clearInterval(this.windowTimer);
    clearTimeout(this.windowCloser);
    const line = this.thread.querySelector('#window-countdown');
    const expires = conversation.windowExpiresAt ? new Date(conversation.windowExpiresAt).getTime() : 0;
    const tick = () => {
      const left = expires - Date.now();
      if (left <= 0) {
        clearInterval(this.windowTimer);
        line.textContent = this.t.windowClosed;
        line.classList.add('closed');
        if (this.composerForm) this.composerForm.close();
        this.composerForm = null;
        return;
      }
      const minutes = Math.ceil(left / 60000);
      line.textContent = minutes < 60 ? this.t.closesSoon(minutes) : this.t.closesIn(Math.floor(minutes / 60), minutes % 60);
      line.classList.toggle('closing', minutes < 60);
    };
    tick();
    this.windowTimer = setInterval(tick, 30000);
    this.windowCloser = setTimeout(tick, Math.max(0, Math.min(expires - Date.now() + 50, 2 ** 31 - 1)));
  }

  bubble(m, byWamid) {
    const t = this.t;
    const d = m.details || {};
    const parts = [];
    if (d.context && d.context.wamid) {
      const quoted = byWamid.get(d.context.wamid);
      parts.push(el('blockquote', { class: 'quoted' }, `${t.quoted}: `, quoted ? (quoted.text || t[quoted.type] || '') : '…'));
    }
    if (['image', 'video', 'audio', 'document', 'sticker'].includes(m.type)) {
      parts.push(this.attachment(m));
      if (m.text) parts.push(el('div', {}, m.text));
    } else if (m.type === 'location') {
      parts.push(el('div', {}, '📍 ', m.text || ''),
        el('a', { href: `https://www.openstreetmap.org/?mlat=${encodeURIComponent(d.latitude)}&mlon=${encodeURIComponent(d.longitude)}`,
          target: '_blank', rel: 'noopener noreferrer' }, t.location));
    } else if (m.type === 'contacts') {
      for (const card of d.contacts || []) parts.push(el('div', { class: 'contact-card' }, `👤 ${card.name}`, ...(card.phones || []).map((p) => el('div', { class: 'small' }, p))));
    } else if (m.type === 'unsupported') {
      parts.push(el('em', { class: 'muted' }, t.unsupported));
    } else {
      parts.push(el('div', { class: 'text' }, m.text || ''));
    }
    const meta = [new Date(m.at).toLocaleTimeString(this.lang, { hour: '2-digit', minute: '2-digit' })];
    if (m.direction === 'OUT') meta.push(el('span', { class: `tick ${m.status}`, title: m.status }, TICKS[m.status] || ''));
    if (m.status === 'FAILED' && m.error) meta.push(el('span', { class: 'error' }, ` ${t.failed}: ${m.error.detail || m.error.code}`));
    if (m.wamid && m.type !== 'reaction' && this.composerForm) {
      meta.push(el('button', { type: 'button', class: 'quote-reply link', title: t.reply, 'aria-label': t.reply,
        onclick: () => this.composerForm && this.composerForm.quote(m) }, '↩'));
    }
    if (m.status === 'FAILED' && m.direction === 'OUT' && this.mayReply) {
      meta.push(el('button', { type: 'button', class: 'retry-send', onclick: async () => {
        await this.api(`/api/whatsapp/conversations/${this.state.openId}/messages/${m.id}/retry`, 'POST', {});
        await this.refreshThread(this.state.openId);
      } }, t.retrySend));
    }
    return el('li', { class: `bubble ${m.direction === 'IN' ? 'in' : 'out'}`, 'data-message-id': m.id, 'data-type': m.type },
      ...parts, d.reaction ? el('span', { class: 'reaction', title: t.reaction }, d.reaction) : null,
      el('div', { class: 'meta muted small' }, ...meta));
  }

  /**
   * The answer box while the 24-hour window is open: text, quick replies on "/", one attached file with its
   * upload progress, sending with feedback. Once the window closes it gives way to the template offer.
   */
  composer(conversation) {
    const t = this.t;
    const text = el('textarea', { id: 'composer-text', rows: 2, maxlength: 4096, placeholder: t.typeHere });
    const suggestions = el('ul', { class: 'quick-replies', id: 'quick-reply-suggestions', hidden: true });
    const status = el('span', { class: 'muted small', role: 'status', id: 'composer-status' });
    const send = el('button', { type: 'submit', class: 'primary', id: 'composer-send' }, t.send);
    const picker = el('input', { type: 'file', id: 'composer-file', hidden: true,
      accept: Object.keys(FILE_KINDS).map((extension) => `.${extension}`).join(',') });
    const attach = el('button', { type: 'button', id: 'composer-attach', title: t.attach, 'aria-label': t.attach,
      onclick: () => picker.click() }, `📎 ${t.attachShort}`);
    const chosen = el('div', { class: 'chosen-file', id: 'composer-chosen', hidden: true });
    const progress = el('progress', { id: 'upload-progress', max: 1, value: 0, hidden: true });
    const quoting = el('div', { class: 'quoted', id: 'composer-quote', hidden: true });
    let quoted = null;
    const quote = (message) => {
      quoted = message ? message.wamid : null;
      quoting.hidden = !message;
      quoting.replaceChildren(...(message ? [`${t.quoted}: `, message.text || t[message.type] || '', ' ',
        el('button', { type: 'button', class: 'link', title: t.cancelQuote, 'aria-label': t.cancelQuote,
          onclick: () => quote(null) }, '✕')] : []));
      if (message) text.focus();
    };
    let file = null;
    const choose = (candidate) => {
      file = null;
      chosen.hidden = true;
      status.textContent = '';
      text.placeholder = t.typeHere;
      if (!candidate) return;
      const kind = FILE_KINDS[(candidate.name.split('.').pop() || '').toLowerCase()];
      if (!kind || !candidate.name.includes('.')) {
        status.textContent = t.notAccepted;
      } else if (candidate.size > kind[1] * 1024 * 1024) {
        status.textContent = t.tooLarge(t[kind[0]].toLowerCase(), kind[1]);
      } else {
        file = candidate;
        chosen.replaceChildren(`📎 ${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB) `,
          el('button', { type: 'button', class: 'link', 'aria-label': t.removeFile, title: t.removeFile,
            onclick: () => { picker.value = ''; choose(null); } }, '✕'));
        chosen.hidden = false;
        text.placeholder = kind[0] === 'audio' ? '' : t.captionHere;
      }
    };
    picker.addEventListener('change', () => choose(picker.files[0]));
    const fill = (template) => template
      .replaceAll('#Contacts.First Name#', conversation.contactName.split(' ')[0] || '')
      .replaceAll('#Contacts.Last Name#', conversation.contactName.split(' ').slice(1).join(' '))
      .replaceAll('#Contacts.Phone#', conversation.phone || '')
      .replaceAll('#Contacts.Email#', '')
      .replaceAll('#User.Name#', this.me.name);
    text.addEventListener('input', () => {
      const typed = text.value.trim();
      const matches = typed.startsWith('/') && !typed.includes(' ')
        ? this.quickReplies.filter((q) => q.shortcut.startsWith(typed)) : [];
      suggestions.replaceChildren(...matches.map((q) => el('li', { 'data-shortcut': q.shortcut, onclick: () => {
        text.value = fill(q.text);
        suggestions.hidden = true;
        text.focus();
      } }, el('code', {}, q.shortcut), ' ', q.text)));
      suggestions.hidden = matches.length === 0;
    });
    const path = `/api/whatsapp/conversations/${conversation.id}/messages`;
    const deliver = () => {
      if (!file) return this.api(path, 'POST', quoted ? { text: text.value, replyTo: quoted } : { text: text.value });
      const form = new FormData();
      form.append('file', file, file.name);
      if (text.value.trim()) form.append('caption', text.value);
      if (quoted) form.append('replyTo', quoted);
      progress.hidden = false;
      return uploadForm(path, form, this.csrf, (share) => {
        progress.value = share;
        status.textContent = `${t.uploading} ${Math.round(share * 100)}%`;
      });
    };
    const form = el('form', { class: 'composer', id: 'composer' }, suggestions, quoting, chosen, text,
      el('div', { class: 'composer-actions' }, el('span', {}, attach, picker, ' ', progress, ' ', status), send));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!text.value.trim() && !file) return;
      send.disabled = true;
      attach.disabled = true;
      status.textContent = t.sending;
      try {
        await deliver();
        text.value = '';
        picker.value = '';
        choose(null);
        quote(null);
        await this.refreshThread(conversation.id);
      } catch (error) {
        status.textContent = error.status === 0 ? t.uploadBroke : error.message;
      } finally {
        progress.hidden = true;
        send.disabled = false;
        attach.disabled = false;
      }
    });
    const offer = this.templateOffer(conversation);
    form.close = () => form.replaceWith(offer);
    form.quote = quote;
    const windowOpen = conversation.windowExpiresAt && new Date(conversation.windowExpiresAt) > new Date();
    this.composerForm = windowOpen ? form : null;
    return windowOpen ? form : offer;
  }

  /**
   * What the composer offers once the 24-hour window is closed: only an approved template may reopen the
   * chat. Sending templates belongs to the templates screens; until then this says what WhatsApp allows.
   */
  templateOffer(conversation) {
    return el('div', { class: 'composer closed', id: 'template-offer', 'data-conversation-id': conversation.id },
      el('p', {}, this.t.closedHelp));
  }

  /** A preview or download link once the file is here; progress while it downloads; a retry when it failed. */
  attachment(m) {
    const t = this.t;
    const file = m.attachment || { state: 'PENDING' };
    const label = `📎 ${t[m.type]}${file.fileName ? `: ${file.fileName}` : ''}`;
    if (file.state === 'DOWNLOADED' && (m.type === 'image' || m.type === 'sticker')) {
      return el('a', { href: file.url, target: '_blank', rel: 'noopener' }, el('img', { src: file.url, alt: label, class: 'preview-image' }));
    }
    if (file.state === 'DOWNLOADED') {
      return el('a', { href: file.url, download: file.fileName || '', class: 'attachment' }, label);
    }
    if (file.state === 'FAILED') {
      return el('div', { class: 'attachment error' }, label, ' ', el('button', { type: 'button', onclick: async () => {
        await this.api(`/api/whatsapp/conversations/${this.state.openId}/messages/${m.id}/media/retry`, 'POST', {});
        setTimeout(() => this.refreshThread(this.state.openId), 1500);
      } }, t.retryDownload));
    }
    return el('div', { class: 'attachment muted' }, label, ` (${t.downloading})`);
  }

  listen() {
    this.events = new EventSource('/api/whatsapp/events');
    const refresh = (event) => {
      const data = JSON.parse(event.data);
      clearTimeout(this.pending);
      this.pending = setTimeout(async () => {
        await Promise.all([this.loadList(true), this.loadBadge()]);
        if (this.state.openId === data.conversationId) {
          await this.refreshThread(data.conversationId);
        }
      }, 150);
    };
    for (const kind of ['message', 'status', 'conversation']) this.events.addEventListener(kind, refresh);
    this.events.addEventListener('ready', () => { this.notice.hidden = true; });
    this.events.onerror = () => { this.notice.hidden = false; };
  }
}

const STYLE = `
  .messages-layout { display: grid; grid-template-columns: 320px 1fr; gap: 16px; min-height: 70vh; }
  .views { display: flex; gap: 4px; align-items: center; margin-bottom: 8px; }
  .views button.active { background: #1f6feb; color: #fff; border-color: #1f6feb; }
  .unread-badge { background: #cf222e; color: #fff; border-radius: 10px; padding: 0 8px; font-size: 12px; }
  .unread-badge:empty { display: none; }
  aside input[type=search] { width: 100%; margin: 8px 0; }
  .conversation-list { list-style: none; padding: 0; margin: 0; max-height: 65vh; overflow-y: auto; }
  .conversation-list li { padding: 8px; border-bottom: 1px solid #d0d7de; cursor: pointer; }
  .conversation-list li.open { background: #ddf4ff; }
  .conversation-list .row { display: flex; justify-content: space-between; }
  .conversation-list .count { background: #1a7f37; color: #fff; border-radius: 10px; padding: 0 7px; font-size: 12px; }
  .preview { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .small { font-size: 12px; }
  .thread { border: 1px solid #d0d7de; border-radius: 8px; padding: 12px; display: flex; flex-direction: column; }
  .thread-header { display: flex; gap: 12px; align-items: center; justify-content: space-between; }
  .thread-header h2 { margin: 0; font-size: 18px; }
  .bubbles { list-style: none; padding: 0; flex: 1; overflow-y: auto; max-height: 60vh; }
  .bubble { max-width: 70%; margin: 6px 0; padding: 6px 10px; border-radius: 10px; position: relative; white-space: pre-wrap; overflow-wrap: anywhere; }
  .bubble.in { background: #f6f8fa; }
  .bubble.out { background: #dcf8c6; margin-left: auto; }
  .bubble .meta { text-align: right; }
  .bubble .reaction { position: absolute; bottom: -10px; right: 8px; background: #fff; border-radius: 10px; padding: 0 4px; }
  .tick.READ { color: #1f6feb; }
  .composer { border-top: 1px solid #d0d7de; padding-top: 8px; position: relative; }
  .composer textarea { width: 100%; }
  .composer-actions { display: flex; justify-content: space-between; align-items: center; margin-top: 4px; }
  .quick-replies { list-style: none; margin: 0 0 4px; padding: 0; border: 1px solid #d0d7de; border-radius: 6px; }
  .quick-replies li { padding: 4px 8px; cursor: pointer; }
  .quick-replies li:hover { background: #ddf4ff; }
  .preview-image { max-width: 240px; max-height: 240px; border-radius: 6px; display: block; }
  .quoted { border-left: 3px solid #1f6feb; margin: 0 0 4px; padding-left: 6px; color: #57606a; }
  .window.closing { color: #9a6700; font-weight: 600; }
  .window.closed { color: #cf222e; }
  .composer.closed { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 8px; }
  .composer.closed p { margin: 0; }
  .chosen-file { margin-bottom: 4px; }
  .link { border: none; background: none; cursor: pointer; padding: 0 4px; }
  .quote-reply { visibility: hidden; }
  .bubble:hover .quote-reply, .quote-reply:focus { visibility: visible; }
  #upload-progress { width: 120px; vertical-align: middle; }
`;

if (!customElements.get('whatsapp-messages-tab')) customElements.define('whatsapp-messages-tab', MessagesTab);
