import { el } from './dom.js';

/**
 * Beside the open chat: who writes (their contact, company, pipeline records and latest notes, each linking to the
 * CRM's page) and the quick changes an agent makes without leaving the chat. Everything goes through the plugin's
 * API, which reaches the CRM through plugin-api; the CRM's refusals are shown as it words them.
 */
export class RelatedPanel {
  constructor({ api, t, lang, mayReply }) {
    Object.assign(this, { api, t, lang, mayReply });
    this.element = el('aside', { class: 'related', id: 'related' });
    this.conversationId = null;
    this.element.addEventListener('focusout', () => setTimeout(() => this.stale && this.refreshWhenIdle()));
  }

  /**
   * Reads the records afresh after someone changed them, unless the agent is changing them here: then once they are
   * done, so that nothing they are typing is lost.
   */
  refreshWhenIdle() {
    this.stale = this.element.contains(document.activeElement) || this.element.querySelector('form') !== null;
    if (!this.stale) this.refresh();
  }

  async show(conversationId) {
    this.conversationId = conversationId;
    await this.refresh();
  }

  async refresh(message = '') {
    if (!this.conversationId) return;
    const t = this.t;
    const related = await this.api(`/api/whatsapp/conversations/${this.conversationId}/related`);
    this.related = related;
    this.status = el('p', { class: 'small', role: 'status', id: 'related-status' }, message);
    this.element.replaceChildren(
      this.contactCard(related.contact, related.company),
      this.recordsCard(related.pipelineRecords, related.stages, related.users),
      this.notesCard(related.notes),
      this.status);
  }

  contactCard(contact, company) {
    const t = this.t;
    const card = el('section', { class: 'related-card', id: 'related-contact' }, el('h3', {}, t.customer),
      el('a', { href: contact.link, id: 'contact-link' }, contact.name),
      el('div', { class: 'muted small' }, contact.phoneDisplay || ''),
      el('div', { class: 'small', id: 'contact-email' }, contact.email || t.noEmail),
      el('div', { class: 'small', id: 'contact-company' }, company ? el('a', { href: company.link }, company.name) : t.noCompany));
    if (this.mayReply) {
      card.append(el('button', { type: 'button', class: 'link', id: 'edit-contact', onclick: () => card.replaceWith(this.contactForm(contact, company)) }, t.edit));
    }
    return card;
  }

  contactForm(contact, company) {
    const t = this.t;
    const field = (name, label, value) => el('label', {}, el('span', { class: 'muted small' }, label), el('input', { name, value: value || '' }));
    const form = el('form', { class: 'related-card related-form', id: 'contact-form' }, el('h3', {}, t.customer),
      ...(this.lang === 'ja' ? [field('lastName', t.lastName, contact.lastName), field('firstName', t.firstName, contact.firstName)]
        : [field('firstName', t.firstName, contact.firstName), field('lastName', t.lastName, contact.lastName)]),
      field('email', t.email, contact.email),
      company ? el('div', { class: 'small' }, company.name) : field('newCompanyName', t.newCompany, ''),
      el('p', { class: 'error small' }),
      el('button', { type: 'submit', class: 'primary' }, t.save),
      el('button', { type: 'button', onclick: () => this.refresh() }, t.cancel));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const changes = {};
      for (const input of form.querySelectorAll('input[name]')) {
        const value = input.value.trim();
        const before = input.name === 'newCompanyName' ? '' : contact[input.name] || '';
        if (value !== before) changes[input.name] = value;
      }
      try {
        await this.api(`/api/whatsapp/conversations/${this.conversationId}/contact`, 'PATCH', changes);
        await this.refresh(t.saved);
      } catch (failure) {
        form.querySelector('.error').textContent = failure.message;
      }
    });
    return form;
  }

  recordsCard(records, stages, users) {
    const t = this.t;
    const card = el('section', { class: 'related-card', id: 'related-records' }, el('h3', {}, t.pipelineRecords),
      records.length === 0 ? el('p', { class: 'muted small' }, t.noRecords) : null,
      el('ul', { class: 'records-list' }, records.map((record) => this.recordItem(record, stages, users))));
    if (this.mayReply) {
      card.append(el('button', { type: 'button', id: 'new-record', onclick: async () => card.append(await this.recordForm(stages)) }, t.newRecord));
    }
    return card;
  }

  recordItem(record, stages, users) {
    const t = this.t;
    const change = async (changes) => {
      try {
        await this.api(`/api/whatsapp/conversations/${this.conversationId}/pipeline-records/${record.id}`, 'PATCH', changes);
        await this.refresh(t.saved);
      } catch (failure) {
        this.status.textContent = failure.message;
      }
    };
    const stage = el('select', { 'aria-label': t.stage, class: 'record-stage', disabled: !this.mayReply, onchange: (e) => change({ stage: e.target.value }) },
      stages.map((s) => el('option', { value: s.name, selected: s.name === record.stage }, s.label)));
    const amount = el('input', { type: 'number', min: 0, step: 'any', class: 'record-amount', 'aria-label': t.amount,
      value: record.amount == null ? '' : record.amount, disabled: !this.mayReply });
    amount.addEventListener('change', () => amount.value !== '' && change({ amount: Number(amount.value) }));
    const owner = el('select', { 'aria-label': t.owner, class: 'record-owner', disabled: !this.mayReply,
      onchange: (e) => change({ ownerId: Number(e.target.value) }) },
    el('option', { value: '' }, t.unassigned),
    users.map((u) => el('option', { value: u.id, selected: record.owner && record.owner.id === u.id }, u.name)));
    return el('li', { 'data-record-id': record.id }, el('a', { href: record.link }, record.name), stage, amount, owner);
  }

  /** A pipeline record from the chat: its name, stage and amount, and the messages kept as its notes. */
  async recordForm(stages) {
    const t = this.t;
    const messages = await this.api(`/api/whatsapp/conversations/${this.conversationId}/messages?limit=20`);
    const name = el('input', { name: 'name', value: `${this.related.contact.name} – ${new Date().toLocaleDateString(this.lang)}` });
    const stage = el('select', { name: 'stage' }, stages.map((s) => el('option', { value: s.name }, s.label)));
    const amount = el('input', { name: 'amount', type: 'number', min: 0, step: 'any' });
    const choices = el('ul', { class: 'message-choices', id: 'record-messages' }, messages.filter((m) => m.text).slice(-10).map((m) =>
      el('li', {}, el('label', { class: 'small' }, el('input', { type: 'checkbox', value: m.id }), ` ${m.text}`))));
    const error = el('p', { class: 'error small' });
    const form = el('form', { class: 'related-form', id: 'record-form' },
      el('label', {}, el('span', { class: 'muted small' }, t.recordName), name),
      el('label', {}, el('span', { class: 'muted small' }, t.stage), stage),
      el('label', {}, el('span', { class: 'muted small' }, t.amount), amount),
      el('span', { class: 'muted small' }, t.chooseMessages), choices, error,
      el('button', { type: 'submit', class: 'primary' }, t.create),
      el('button', { type: 'button', onclick: () => form.remove() }, t.cancel));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = { name: name.value, stage: stage.value,
        messageIds: [...choices.querySelectorAll('input:checked')].map((box) => Number(box.value)) };
      if (amount.value !== '') body.amount = Number(amount.value);
      try {
        await this.api(`/api/whatsapp/conversations/${this.conversationId}/pipeline-records`, 'POST', body);
        await this.refresh(t.recordCreated);
      } catch (failure) {
        error.textContent = failure.message;
      }
    });
    return form;
  }

  notesCard(notes) {
    const t = this.t;
    return el('section', { class: 'related-card', id: 'related-notes' }, el('h3', {}, t.notes),
      notes.length === 0 ? el('p', { class: 'muted small' }, t.noNotes) : el('ul', { class: 'notes-list' },
        notes.map((note) => el('li', { class: 'small' }, el('div', { class: 'note-text' }, note.text),
          el('div', { class: 'muted' }, new Date(note.createdAt).toLocaleString(this.lang), note.author ? ` · ${note.author.name}` : '')))));
  }

  /** A message kept as a note on the contact, from the message's own button. */
  async noteFromMessage(messageId) {
    try {
      await this.api(`/api/whatsapp/conversations/${this.conversationId}/notes`, 'POST', { messageIds: [messageId] });
      await this.refresh(this.t.noteAdded);
    } catch (failure) {
      this.status.textContent = failure.message;
    }
  }
}
