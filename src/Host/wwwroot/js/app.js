// Clinic: small progressive enhancement. The app works fully without it.
(function () {
  'use strict';

  if ('serviceWorker' in navigator) {
    window.addEventListener('load', function () {
      navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(function () {
        // Offline support is optional; the app still works without it.
      });
    });
  }

  // Close the small-screen menu once a link in it is chosen.
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('details.nav-toggle a');
    if (link) link.closest('details.nav-toggle').removeAttribute('open');
  });

  // Show progress on submit and stop double submits (e.g. a second tap while
  // a long import runs). Opt out with data-no-busy, e.g. for file downloads,
  // where the page stays and the buttons would remain disabled.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.hasAttribute('data-no-busy') ||
        form.getAttribute('target') || form.getAttribute('method') === 'dialog') return;
    if (form.getAttribute('aria-busy') === 'true') {
      event.preventDefault();
      return;
    }
    if (event.defaultPrevented) return;

    form.setAttribute('aria-busy', 'true');
    var buttons = form.querySelectorAll('button:not([type="button"]):not([type="reset"]), input[type="submit"]');
    var submitter = event.submitter || buttons[0];
    if (submitter && submitter.tagName === 'BUTTON' && !submitter.querySelector('.spinner')) {
      var spinner = document.createElement('span');
      spinner.className = 'spinner';
      spinner.setAttribute('aria-hidden', 'true');
      submitter.insertBefore(spinner, submitter.firstChild);
    }
    // Disable after the browser has read the form data, so the clicked
    // button's name/value is still sent.
    setTimeout(function () {
      buttons.forEach(function (button) {
        if (button.disabled) return;
        button.disabled = true;
        button.setAttribute('data-busy-disabled', '');
      });
    }, 0);
  });

  // Enhanced navigation (staff pages, ADR 0034) fetches the next page and patches it in without a reload.
  if (window.Blazor) {
    // The browser does not run scripts patched into a page: each one runs the first time a page brings it, and
    // rebinds itself on later 'enhancedload' events.
    var loaded = new Set(Array.prototype.map.call(document.scripts, function (s) { return s.src; }));
    var runnable = function (script) {
      var type = script.getAttribute('type');
      return script.src && !loaded.has(script.src) && (!type || type === 'text/javascript' || type === 'module');
    };
    var navigating = false;

    window.Blazor.addEventListener('enhancednavigationstart', function () { navigating = true; });
    window.Blazor.addEventListener('enhancednavigationend', function () { navigating = false; });
    window.Blazor.addEventListener('enhancedload', function () {
      Array.prototype.filter.call(document.scripts, runnable).forEach(function (arrived) {
        loaded.add(arrived.src);
        var live = document.createElement('script');
        Array.prototype.forEach.call(arrived.attributes, function (a) { live.setAttribute(a.name, a.value); });
        live.async = false;
        arrived.replaceWith(live);
      });
      // As after a full load, the new page's content is where focus and screen readers start.
      var main = document.getElementById('main');
      if (main) main.focus({ preventScroll: true });
    });

    // Offline, the framework's fetch of the next page fails and nothing happens; load the address the ordinary way,
    // which the service worker answers with the offline page.
    window.addEventListener('unhandledrejection', function (event) {
      if (navigating && event.reason instanceof TypeError) {
        navigating = false;
        location.reload();
      }
    });
  }

  // Pages restored from the back/forward cache must not stay locked.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    document.querySelectorAll('form[aria-busy="true"]').forEach(function (form) {
      form.removeAttribute('aria-busy');
      form.querySelectorAll('.spinner').forEach(function (s) { s.remove(); });
      form.querySelectorAll('[data-busy-disabled]').forEach(function (b) {
        b.disabled = false;
        b.removeAttribute('data-busy-disabled');
      });
    });
  });
})();
