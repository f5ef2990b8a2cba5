// The template editor's live preview and SMS length, and click-to-insert placeholders. Without this script the
// Preview button renders the same on the server; this only asks the server again as the owner types.
(function () {
  'use strict';

  var form = document.querySelector('form.template-form[data-preview]');
  if (!form) return;
  var body = form.querySelector('textarea[name="Input.Body"]');
  var subject = form.querySelector('input[name="Input.Subject"]');
  var previewSubject = document.querySelector('#template-preview .preview-subject');
  var previewBody = document.querySelector('#template-preview .preview-body');
  var length = document.getElementById('sms-length');
  var problems = document.createElement('p');
  problems.className = 'field-error';
  problems.setAttribute('role', 'status');
  problems.hidden = true;
  previewBody.parentNode.insertBefore(problems, previewBody);
  var timer = 0;
  var pending = null;

  function refresh() {
    if (pending) pending.abort();
    pending = new AbortController();
    var data = new FormData(form);
    data.set('Kind', form.dataset.kind);
    data.set('Channel', form.dataset.channel);
    data.set('Language', form.dataset.language);
    fetch(form.dataset.preview, { method: 'POST', body: data, credentials: 'same-origin', signal: pending.signal })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (preview) {
        if (!preview) return;
        if (previewSubject) previewSubject.textContent = preview.subject || '';
        previewBody.textContent = preview.body;
        if (length && preview.length) length.textContent = 'With the sample values: ' + preview.length;
        problems.textContent = preview.problems.join(' ');
        problems.hidden = preview.problems.length === 0;
      })
      .catch(function () { /* a newer keystroke aborted this one, or the network is down: the Preview button still works */ });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  }

  body.addEventListener('input', later);
  if (subject) subject.addEventListener('input', later);

  // Each listed placeholder becomes a button that types it where the cursor was in the last field used.
  var target = body;
  [body, subject].forEach(function (field) {
    if (field) field.addEventListener('focus', function () { target = field; });
  });
  document.querySelectorAll('.placeholders code[data-placeholder]').forEach(function (code) {
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
})();
