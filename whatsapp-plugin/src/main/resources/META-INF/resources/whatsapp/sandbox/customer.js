// The sandbox's customer page: sends a message as a customer through POST /sandbox/api/customers/{waId}/messages,
// and shows what the business sent that customer. Everything received is set as text, never parsed as HTML.
import { el } from '/whatsapp/ui/dom.js';

const numbers = document.getElementById('number');
const result = document.getElementById('result');

// The page plays customers of the logged-in user's own sandbox numbers: its changes carry the session's token.
let csrfToken = '';

async function loadNumbers() {
  const session = await fetch('/api/crm/session', { headers: { Accept: 'application/json', 'X-Requested-With': 'sandbox' } });
  if (session.status === 401) {
    const login = el('a', { href: `/login?next=${encodeURIComponent(window.location.pathname)}` }, 'Log in to the CRM');
    result.replaceChildren(login, ' first: the sandbox plays only the customers of your own numbers.');
    return;
  }
  if (session.ok) csrfToken = (await session.json()).csrfToken;
  const response = await fetch('/sandbox/api/numbers');
  if (!response.ok) {
    // A refusal says why and what to do (403: the user may not answer chats); anything else is passing.
    const refusal = response.status === 403 ? (await response.json().catch(() => ({}))).error : undefined;
    result.textContent = response.status === 404 ? 'The sandbox is turned off on this server.'
      : refusal || `The sandbox did not answer (HTTP ${response.status}): reload the page.`;
    return;
  }
  const list = await response.json();
  numbers.replaceChildren(...list.map((n) => {
    const option = document.createElement('option');
    option.value = n.phoneNumberId;
    option.textContent = `${n.displayPhoneNumber} (${n.verifiedName})`;
    return option;
  }));
  if (list.length === 0) result.textContent = 'No sandbox number yet: connect one in Settings > Channels > Messages.';
}

document.getElementById('customer').addEventListener('submit', async (event) => {
  event.preventDefault();
  const type = document.getElementById('type').value;
  const text = document.getElementById('text').value;
  const messageId = document.getElementById('message-id').value.trim();
  const message = { phoneNumberId: numbers.value, name: document.getElementById('name').value, type };
  if (type === 'text' || type === 'button') message.text = text;
  if (type === 'image' || type === 'document') { message.caption = text; if (type === 'document') message.fileName = 'document.pdf'; }
  if (type === 'reaction') { message.emoji = text; message.messageId = messageId; }
  else if (messageId) message.context = messageId;
  const send = document.getElementById('send');
  send.disabled = true;
  result.textContent = 'Sending…';
  try {
    const waId = encodeURIComponent(document.getElementById('wa-id').value.trim());
    const response = await fetch(`/sandbox/api/customers/${waId}/messages`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken }, body: JSON.stringify(message),
    });
    const answer = await response.json();
    result.textContent = response.ok
      ? `Sent ${answer.wamids.join(', ')}; the CRM answered the webhook with HTTP ${answer.webhookStatus}.`
      : `Not sent: ${answer.error || response.status}`;
  } catch (failure) {
    result.textContent = `Not sent: ${failure.message}`;
  } finally {
    send.disabled = false;
  }
});

const received = document.getElementById('received');

/** One message the business sent, as a phone would show it: text, a file with its caption, or a template. */
function receivedItem(message) {
  const item = el('li');
  const body = message.body[message.type] || {};
  if (message.type === 'text') {
    item.append(el('div', {}, body.body || ''));
  } else if (message.media) {
    item.append(el('a', { href: `/sandbox/api/media/${encodeURIComponent(message.media.id)}/content`, class: 'received-file' },
      `📎 ${message.media.fileName || message.type} (${message.media.mimeType})`));
    if (body.caption) item.append(el('div', {}, body.caption));
  } else if (message.type === 'template') {
    item.append(el('div', {}, `Template ${body.name || ''}`));
  } else {
    item.append(el('div', {}, message.type));
  }
  item.append(el('div', { class: 'muted' }, new Date(message.at).toLocaleTimeString()));
  return item;
}

async function loadReceived() {
  const waId = document.getElementById('wa-id').value.trim();
  if (!numbers.value || !waId) return;
  const query = new URLSearchParams({ phoneNumberId: numbers.value, to: waId });
  const response = await fetch(`/sandbox/api/sent?${query}`);
  if (response.ok) received.replaceChildren(...(await response.json()).map(receivedItem));
}

loadNumbers().then(loadReceived);
setInterval(() => loadReceived().catch(() => {}), 3000);
