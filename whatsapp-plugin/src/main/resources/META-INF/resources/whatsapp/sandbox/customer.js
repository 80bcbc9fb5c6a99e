// The sandbox's customer page: sends a message as a customer through POST /sandbox/api/customers/{waId}/messages.
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

loadNumbers();
