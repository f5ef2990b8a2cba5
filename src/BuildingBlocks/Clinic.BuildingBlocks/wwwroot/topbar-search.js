// The staff top bar's search: results as the user types. Without this script the box is a plain GET form.
// It binds the box on load and again after each enhanced navigation (ADR 0034), each box once.
(function () {
  'use strict';

  var boxes = new WeakMap();

  function bind(form) {
    if (!form) return;
    // The same box kept across an enhanced navigation starts a new search, as on a new page; it is not bound twice.
    // (The navigation has already reset its markup to the server's: results hidden and empty.)
    if (boxes.has(form)) {
      boxes.get(form).forget();
      return;
    }
    var input = form.querySelector('input[name="q"]');
    var results = form.querySelector('.topbar-search-results');
    var timer = 0;
    var pending = null;
    // Names one search, from the first letter typed until the box is cleared or closed: the server records a search
    // once, not once for every pause in the typing.
    var search = null;

    // 128 random bits as 32 hex digits; crypto.randomUUID would need HTTPS, which a clinic's own server may not have.
    function newSearchId() {
      return Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(16)), function (b) {
        return (b + 256).toString(16).slice(1);
      }).join('');
    }

    function forget() {
      search = null;
      if (pending) pending.abort();
    }

    function close() {
      forget();
      results.hidden = true;
      results.replaceChildren();
      input.setAttribute('aria-expanded', 'false');
    }

    boxes.set(form, { close: close, forget: forget });

    function show(items) {
      results.replaceChildren();
      if (items.length === 0) {
        var none = document.createElement('p');
        none.textContent = 'No matches.';
        results.appendChild(none);
      } else {
        var list = document.createElement('ul');
        items.forEach(function (item) {
          var link = document.createElement('a');
          link.href = item.url;
          link.textContent = item.name;
          if (item.detail) {
            var detail = document.createElement('span');
            detail.className = 'detail';
            detail.textContent = item.detail;
            link.appendChild(detail);
          }
          var entry = document.createElement('li');
          entry.appendChild(link);
          list.appendChild(entry);
        });
        results.appendChild(list);
      }
      results.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function suggest() {
      var text = input.value.trim();
      if (pending) pending.abort();
      if (text.length < 2) {
        close();
        return;
      }
      pending = new AbortController();
      if (!search) search = newSearchId();
      fetch(form.getAttribute('data-suggest') + '?q=' + encodeURIComponent(text) + '&search=' + search, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        signal: pending.signal
      })
        .then(function (response) {
          if (!response.ok) throw new Error('search answered ' + response.status);
          return response.json();
        })
        .then(show)
        .catch(function (error) {
          if (error.name !== 'AbortError') close();
        });
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, 200);
    });

    form.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') {
        close();
        input.focus();
      } else if (event.key === 'ArrowDown' && !results.hidden) {
        var first = results.querySelector('a');
        if (first) {
          event.preventDefault();
          first.focus();
        }
      }
    });
  }

  function bindPage() {
    bind(document.querySelector('form.topbar-search[data-suggest]'));
  }

  // One listener for the document, whichever box is on the page now: a click elsewhere closes the results.
  document.addEventListener('click', function (event) {
    var form = document.querySelector('form.topbar-search[data-suggest]');
    if (form && boxes.has(form) && !form.contains(event.target)) boxes.get(form).close();
  });

  bindPage();
  if (window.Blazor) window.Blazor.addEventListener('enhancedload', bindPage);
})();
