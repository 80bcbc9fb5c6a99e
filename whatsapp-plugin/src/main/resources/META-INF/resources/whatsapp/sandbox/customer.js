// The sandbox's customer page: sends a message as a customer through POST /sandbox/api/customers/{waId}/messages,
// and shows what the business sent that customer. Everything received is set as text, never parsed as HTML.
const numbers = document.getElementById('number');
const result = document.getElementById('result');

async function loadNumbers() {
  const response = await fetch('/sandbox/api/numbers');
  if (!response.ok) {
    result.textContent = 'The sandbox is turned off on this server.';
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
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(message),
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

function line(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

/** One message the business sent, as a phone would show it: text, a file with its caption, or a template. */
function receivedItem(message) {
  const item = document.createElement('li');
  const body = message.body[message.type] || {};
  if (message.type === 'text') {
    item.append(line('div', body.body || ''));
  } else if (message.media) {
    item.append(line('a', `📎 ${message.media.fileName || message.type} (${message.media.mimeType})`,
      { href: `/sandbox/api/media/${encodeURIComponent(message.media.id)}/content`, class: 'received-file' }));
    if (body.caption) item.append(line('div', body.caption));
  } else if (message.type === 'template') {
    item.append(line('div', `Template ${body.name || ''}`));
  } else {
    item.append(line('div', message.type));
  }
  item.append(line('div', new Date(message.at).toLocaleTimeString(), { class: 'muted' }));
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
