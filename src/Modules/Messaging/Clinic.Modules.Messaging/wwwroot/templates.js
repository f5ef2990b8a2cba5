// The template editor's live preview and SMS length, and click-to-insert placeholders. Without this script the
// Preview button renders the same on the server; this only asks the server again as the owner types.
// It binds the editor on load and again after each enhanced navigation (ADR 0034), each field and placeholder once.
(function () {
  'use strict';

  var FORM = 'form.template-form[data-preview]';
  var bound = new WeakSet();
  var timer = 0;
  var pending = null;
  var target = null;

  function once(element) {
    if (!element || bound.has(element)) return false;
    bound.add(element);
    return true;
  }

  // The server's page has no place for the live check's problems; the script adds one above the preview.
  function problemsNote() {
    var previewBody = document.querySelector('#template-preview .preview-body');
    var note = document.getElementById('template-preview-problems');
    if (!note && previewBody) {
      note = document.createElement('p');
      note.id = 'template-preview-problems';
      note.className = 'field-error';
      note.setAttribute('role', 'status');
      note.hidden = true;
      previewBody.parentNode.insertBefore(note, previewBody);
    }
    return note;
  }

  function refresh() {
    var form = document.querySelector(FORM);
    if (!form) return;
    if (pending) pending.abort();
    pending = new AbortController();
    var data = new FormData(form);
    data.set('Kind', form.dataset.kind);
    data.set('Channel', form.dataset.channel);
    data.set('Language', form.dataset.language);
    fetch(form.dataset.preview, { method: 'POST', body: data, credentials: 'same-origin', signal: pending.signal })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (preview) {
        var previewBody = document.querySelector('#template-preview .preview-body');
        if (!preview || !previewBody) return;
        var previewSubject = document.querySelector('#template-preview .preview-subject');
        var length = document.getElementById('sms-length');
        if (previewSubject) previewSubject.textContent = preview.subject || '';
        previewBody.textContent = preview.body;
        if (length && preview.length) length.textContent = 'With the sample values: ' + preview.length;
        var problems = problemsNote();
        problems.textContent = preview.problems.join(' ');
        problems.hidden = preview.problems.length === 0;
      })
      .catch(function () { /* a newer keystroke aborted this one, or the network is down: the Preview button still works */ });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  }

  function bindPage() {
    var form = document.querySelector(FORM);
    if (!form) return;
    var body = form.querySelector('textarea[name="Input.Body"]');
    var subject = form.querySelector('input[name="Input.Subject"]');
    target = body;
    problemsNote();

    // Each placeholder is typed where the cursor was in the last field used.
    [body, subject].forEach(function (field) {
      if (!once(field)) return;
      field.addEventListener('input', later);
      field.addEventListener('focus', function () { target = field; });
    });

    document.querySelectorAll('.placeholders code[data-placeholder]').forEach(function (code) {
      if (code.parentNode.querySelector('.insert-placeholder')) return;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'btn-link insert-placeholder';
      button.textContent = 'Insert';
      button.setAttribute('aria-label', 'Insert ' + code.textContent);
      button.addEventListener('click', function () {
        var text = '{{' + code.dataset.placeholder + '}}';
        var start = target.selectionStart === null ? target.value.length : target.selectionStart;
        var end = target.selectionEnd === null ? start : target.selectionEnd;
        target.setRangeText(text, start, end, 'end');
        target.focus();
        later();
      });
      code.parentNode.appendChild(button);
    });
  }

  bindPage();
  if (window.Blazor) window.Blazor.addEventListener('enhancedload', bindPage);
})();
