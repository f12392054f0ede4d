// The plan page's buttons (approve, reject, cancel): each calls the service's own API with the
// token the operator typed once. The token is kept in this tab's sessionStorage (gone when the tab
// closes), never in a cookie or a URL, and is sent only in the Authorization header of those calls.
// Served by the service at /ui/page.js; the page's Content-Security-Policy allows no other script.
'use strict';

(function () {
  const KEY = 'ballast.apiToken';
  const actions = document.getElementById('actions');
  if (!actions) {
    return;
  }
  const plan = actions.dataset.plan;
  const entry = document.getElementById('token-entry');
  const input = document.getElementById('token');
  const kept = document.getElementById('token-kept');
  const status = document.getElementById('action-status');
  const reason = document.getElementById('reason');
  const buttons = [...actions.querySelectorAll('button[data-action]')];

  function token() {
    return sessionStorage.getItem(KEY);
  }

  function showToken() {
    const has = token() !== null;
    entry.hidden = has;
    kept.hidden = !has;
  }

  function say(text, isError) {
    status.textContent = text;
    status.classList.toggle('error', isError);
  }

  function keep() {
    const typed = input.value.trim();
    input.value = '';
    if (typed === '') {
      say('Enter the token: the content of the service\'s token file.', true);
      return;
    }
    sessionStorage.setItem(KEY, typed);
    showToken();
    say('The token is kept for this tab.', false);
  }

  document.getElementById('keep-token').addEventListener('click', keep);
  input.addEventListener('keydown', event => {
    if (event.key === 'Enter') {
      event.preventDefault();
      keep();
    }
  });
  document.getElementById('forget-token').addEventListener('click', () => {
    sessionStorage.removeItem(KEY);
    showToken();
    say('The token is forgotten.', false);
  });

  async function act(action) {
    const held = token();
    if (held === null) {
      showToken();
      input.focus();
      say('Enter the API token first.', true);
      return;
    }
    const why = reason.value.trim();
    buttons.forEach(button => { button.disabled = true; });
    let done = false;
    try {
      const response = await fetch('/api/v1/plans/' + encodeURIComponent(plan) + '/' + action, {
        method: 'POST',
        headers: {'Authorization': 'Bearer ' + held, 'Content-Type': 'application/json'},
        body: why === '' ? '' : JSON.stringify({reason: why}),
        credentials: 'omit',
        cache: 'no-store',
        redirect: 'error'
      });
      let answer = null;
      try {
        answer = await response.json();
      } catch (notJson) {
        answer = null;
      }
      if (!response.ok) {
        if (response.status === 401 || response.status === 403) {
          // A token the service refuses is no use kept: ask for it again.
          sessionStorage.removeItem(KEY);
          showToken();
        }
        const error = answer && answer.error ? answer.error : response.statusText;
        const field = answer && answer.field ? ' (' + answer.field + ')' : '';
        say('The service refused: ' + response.status + ' ' + error + field, true);
        return;
      }
      const state = document.getElementById('plan-state');
      state.textContent = answer.state;
      state.className = 'state state-' + answer.state;
      say('Plan ' + answer.id + ' is ' + answer.state
          + (answer.cancelRequested ? ', asked to stop before its next step' : '')
          + '. Reload the page to follow it.', false);
      done = true;
    } catch (failure) {
      say('The service did not answer: ' + failure.message, true);
    } finally {
      // After a decision the buttons stay off: the page's state is out of date until reloaded.
      buttons.forEach(button => { button.disabled = done; });
    }
  }

  buttons.forEach(button => button.addEventListener('click', () => act(button.dataset.action)));
  showToken();
})();
