/*
 * The page editor keeps every word an editor typed (docs/publishing.md, "Editing").
 *
 * 1. Draftail writes a rich-text editor's content into the form's hidden input 250 ms
 *    after the last change. Whenever the form's data is collected (a save by button,
 *    keyboard shortcut, Enter or script, and Wagtail's autosave and unsaved-changes check,
 *    which call `new FormData(form)`), each editor the editor has worked in writes out
 *    what is on the screen first. Editors nobody touched are left as they are, so opening
 *    a page never looks like a change.
 * 2. Before the form is sent, the session is checked. If it has ended, nothing is sent:
 *    the form stays on the screen, the editor signs in again in another tab, and the same
 *    save is then made, with the new session's CSRF token.
 * 3. Wagtail's dialogs (the approval comment, for one) move the focus to themselves once
 *    their opening animation ends; what an approver already typed into the dialog's field
 *    stays, but the next keys would go nowhere. The focus is handed back to the field.
 * 4. An editor who confirmed Wagtail's "someone saved a newer version" dialog has chosen
 *    to overwrite it; the form says so, and the server lets that save through.
 */
(() => {
  'use strict';

  const settings = document.currentScript.dataset;
  const texts = JSON.parse(settings.texts || '{}');
  const CHANNEL = 'govcms-session';

  // After signing in again, the tab opened for it tells the editing tab and closes.
  if (settings.signedIn !== undefined) {
    if ('BroadcastChannel' in window) {
      new BroadcastChannel(CHANNEL).postMessage({ signedIn: settings.userId });
    }
    if (window.opener) window.close();
    return;
  }

  const EDIT_FORM = 'form[data-edit-form]';

  // 1. Rich text -------------------------------------------------------------------------

  const touched = new WeakSet();

  const editorInputOf = (element) => {
    const wrapper = element.closest && element.closest('[data-draftail-editor-wrapper]');
    if (!wrapper || !wrapper.parentNode) return null;
    return Array.from(wrapper.parentNode.children).find((child) => child.draftailEditor) || null;
  };

  const markTouched = (event) => {
    const input = editorInputOf(event.target);
    if (input) touched.add(input);
  };
  ['focusin', 'beforeinput', 'paste', 'drop', 'mousedown'].forEach((type) =>
    document.addEventListener(type, markTouched, true),
  );

  // What Draftail's own save writes: the raw content, without the styles Wagtail's
  // commenting adds to mark comments (it strips them the same way before saving).
  const TRANSIENT_STYLE = /^(COMMENT-|STYLE_RERENDER_)/;
  const rawContentOf = (editor) => {
    const raw = window.Draftail.serialiseEditorStateToRaw(editor.getEditorState());
    if (raw) {
      raw.blocks.forEach((block) => {
        block.inlineStyleRanges = block.inlineStyleRanges.filter(
          (range) => !TRANSIENT_STYLE.test(range.style),
        );
      });
    }
    return raw;
  };

  const flushRichText = (form, formData) => {
    form.querySelectorAll('input').forEach((input) => {
      const editor = input.draftailEditor;
      if (!touched.has(input) || !editor || typeof editor.getEditorState !== 'function') return;
      const raw = rawContentOf(editor);
      input.rawContentState = raw;
      input.value = JSON.stringify(raw);
      if (formData && input.name && formData.has(input.name)) {
        formData.set(input.name, input.value);
      }
    });
  };

  document.addEventListener('formdata', (event) => {
    if (event.target.matches(EDIT_FORM)) flushRichText(event.target, event.formData);
  });

  // 3. Focus in dialogs ----------------------------------------------------------------

  document.addEventListener(
    'focusin',
    (event) => {
      const dialog = event.target;
      const field = event.relatedTarget;
      if (
        dialog.classList &&
        dialog.classList.contains('modal') &&
        field &&
        dialog.contains(field) &&
        field.matches('input, textarea, [contenteditable="true"]')
      ) {
        field.focus();
      }
    },
    true,
  );

  // 4. A confirmed overwrite ------------------------------------------------------------

  document.addEventListener(
    'w-dialog:confirmed',
    (event) => {
      if (!event.target.closest('#w-save-confirmation-dialog')) return;
      const session = document.querySelector('[data-controller~="w-session"]');
      const form = document.querySelector(EDIT_FORM);
      if (!form || !session || session.dataset.wSessionInterceptValue !== 'conflict') return;
      let input = form.querySelector('input[name="overwrite_newer"]');
      if (!input) {
        input = Object.assign(document.createElement('input'), {
          type: 'hidden',
          name: 'overwrite_newer',
        });
        form.appendChild(input);
      }
      input.value = '1';
    },
    true,
  );

  // 2. The session ----------------------------------------------------------------------

  /** The signed-in user and a fresh CSRF token, or null once the session has ended. */
  const checkSession = async () => {
    const response = await fetch(settings.sessionUrl, {
      credentials: 'same-origin',
      redirect: 'manual',
      headers: { Accept: 'application/json' },
      cache: 'no-store',
    });
    if (!response.ok || response.type === 'opaqueredirect') return null;
    const data = await response.json();
    return data.user_id ? data : null;
  };

  const useToken = (form, token) => {
    form.querySelectorAll('input[name="csrfmiddlewaretoken"]').forEach((input) => {
      input.value = token;
    });
    if (window.wagtailConfig) window.wagtailConfig.CSRF_TOKEN = token;
  };

  // Who opened the editor: a save made after signing in again must be theirs. Learnt
  // while the session lives; if it never could be, the save waits for a click that
  // names the account it will be saved under.
  let editingUser = null;
  const learnUser = () =>
    checkSession()
      .then((session) => {
        if (session && editingUser === null) editingUser = String(session.user_id);
      })
      .catch(() => {});
  // A save asked for before that first check has answered waits for it.
  const learning = learnUser();

  // Wagtail's autosave must not run beside a save: on a new page, an autosave creates the
  // page, and a save sent meanwhile to the "add" address would be refused (the slug is
  // taken). While a save waits, autosaves are cancelled; one already under way is waited
  // for (it moves the form to the page's edit address).
  let autosaving = null; // resolves when the autosave under way ends
  let endAutosave = () => {};
  document.addEventListener('w-autosave:save', (event) => {
    if (pending) {
      event.preventDefault();
      return;
    }
    autosaving = new Promise((resolve) => {
      endAutosave = resolve;
    });
  });
  ['w-autosave:success', 'w-autosave:error'].forEach((type) =>
    document.addEventListener(type, () => {
      endAutosave();
      autosaving = null;
    }),
  );

  let checked = null; // the form whose next submit has been checked and may go
  let pending = null; // { form, submitter }: the save waiting for a live session
  let checking = false;

  const send = (form, submitter) => {
    checked = form;
    if (submitter && submitter.form === form && !submitter.disabled) {
      form.requestSubmit(submitter);
      return;
    }
    // A submitter disabled meanwhile (by Wagtail's progress indicator) would drop its
    // name from the data: the action goes as a hidden input instead.
    let extra = null;
    if (submitter && submitter.name) {
      extra = Object.assign(document.createElement('input'), {
        type: 'hidden',
        name: submitter.name,
        value: submitter.value,
      });
      form.appendChild(extra);
    }
    form.requestSubmit();
    if (extra) extra.remove();
  };

  let dialog = null;

  const showDialog = (message) => {
    if (!dialog) {
      dialog = document.createElement('dialog');
      dialog.className = 'govcms-session-dialog';
      dialog.setAttribute('aria-labelledby', 'govcms-session-dialog-title');
      dialog.innerHTML = `
        <h2 id="govcms-session-dialog-title"></h2>
        <p data-message></p>
        <p class="govcms-session-dialog__actions">
          <a class="button" data-sign-in target="govcms-sign-in"></a>
          <button type="button" class="button button-secondary" data-retry></button>
          <button type="button" class="button button-secondary" data-close></button>
        </p>`;
      dialog.querySelector('h2').textContent = texts.title;
      const signIn = dialog.querySelector('[data-sign-in]');
      signIn.textContent = texts.signIn;
      signIn.href = settings.loginUrl;
      dialog.querySelector('[data-retry]').textContent = texts.retry;
      dialog
        .querySelector('[data-retry]')
        .addEventListener('click', () =>
          attempt({ confirmed: Boolean(pending && pending.awaitsConfirmation) }),
        );
      dialog.querySelector('[data-close]').textContent = texts.close;
      dialog.querySelector('[data-close]').addEventListener('click', () => dialog.close());
      document.body.appendChild(dialog);
    }
    dialog.querySelector('[data-message]').textContent = message;
    if (!dialog.open) dialog.showModal();
  };

  const settle = (form) => {
    // Wagtail's buttons show a spinner from the click on; the save has not gone.
    form.querySelectorAll('[data-w-progress-loading-value="true"]').forEach((button) => {
      button.setAttribute('data-w-progress-loading-value', 'false');
    });
  };

  /** Sends the waiting save if the session is live and still the same user's. */
  const attempt = async ({ confirmed = false } = {}) => {
    if (!pending || checking) return;
    const { form, submitter } = pending;
    checking = true;
    let session = null;
    let message = texts.expired;
    try {
      await learning;
      session = await checkSession();
      if (session && editingUser !== null && String(session.user_id) !== editingUser) {
        session = null;
        message = texts.otherUser;
      } else if (session && editingUser === null && !confirmed) {
        // Who opened the editor is unknown (the first check failed): ask.
        message = texts.confirmUser.replace('%(username)s', session.username);
        session = null;
        pending.awaitsConfirmation = true;
      }
      if (session && autosaving) await autosaving;
    } catch (error) {
      message = texts.offline;
    } finally {
      checking = false;
    }
    if (!session) {
      settle(form);
      showDialog(message);
      return;
    }
    pending = null;
    if (dialog && dialog.open) dialog.close();
    useToken(form, session.csrf_token);
    send(form, submitter);
  };

  if ('BroadcastChannel' in window) {
    new BroadcastChannel(CHANNEL).addEventListener('message', () => attempt());
  }

  document.addEventListener(
    'submit',
    (event) => {
      const form = event.target;
      if (!form.matches(EDIT_FORM)) return;
      if (checked === form) {
        checked = null;
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      if (checking) return;
      pending = { form, submitter: event.submitter };
      attempt();
    },
    true,
  );

  // Wagtail's workflow actions with a comment send the form with `form.submit()`, which
  // skips the submit event; this form sends it through the same check.
  document.querySelectorAll(EDIT_FORM).forEach((form) => {
    form.submit = () => form.requestSubmit();
  });
})();
