// Shared by the plugin's screens. Strings always become text nodes: nothing a customer or user typed is
// ever parsed as HTML.
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/**
 * Starts a screen of the logged-in browser: sets its language ({@code lang} attribute, English unless "ja") and
 * texts, gives it {@code api}, a client that sends the session's CSRF token, then runs its first render. A
 * failure shows in place of the screen.
 */
export async function startScreen(screen, texts, render) {
  screen.language = screen.getAttribute('lang') === 'ja' ? 'ja' : 'en';
  screen.t = texts[screen.language];
  screen.api = apiClient(() => screen.csrf);
  try {
    screen.csrf = (await screen.api('/api/crm/session')).csrfToken;
    await render();
  } catch (error) {
    screen.replaceChildren(el('p', { class: 'error' }, error.message));
  }
}

/**
 * A JSON client of the plugin's API for the logged-in browser: sends the session's CSRF token with
 * changes, and turns problem+json answers into errors carrying the server's explanation and field.
 */
export function apiClient(csrfToken, fallbackMessage) {
  return async function api(path, method = 'GET', body) {
    const headers = { Accept: 'application/json', 'X-Requested-With': 'whatsapp-plugin' };
    if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken();
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const error = new Error((data && data.detail) || fallbackMessage || response.statusText);
      error.status = response.status;
      error.field = data && data.field;
      throw error;
    }
    return data;
  };
}

/**
 * Posts a form with a file for the logged-in browser, reporting upload progress (0 to 1) as it goes; resolves
 * with the JSON answer, or rejects with an error carrying the server's explanation, like {@link apiClient}.
 */
export function uploadForm(path, form, csrfToken, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', path);
    request.setRequestHeader('Accept', 'application/json');
    request.setRequestHeader('X-Requested-With', 'whatsapp-plugin');
    request.setRequestHeader('X-CSRF-Token', csrfToken);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      let data = null;
      try { data = request.responseText ? JSON.parse(request.responseText) : null; } catch (notJson) { data = null; }
      if (request.status >= 200 && request.status < 300) {
        resolve(data);
      } else {
        const error = new Error((data && data.detail) || request.statusText);
        error.status = request.status;
        error.code = data && data.code;
        reject(error);
      }
    });
    request.addEventListener('error', () => {
      const error = new Error('the connection broke off');
      error.status = 0;
      reject(error);
    });
    request.send(form);
  });
}
