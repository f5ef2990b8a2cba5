// Counts this page view without cookies: the path (no query string) and, only when the visitor came from another
// site, that site's host. Loaded by cookies.js only after the visitor allowed analytics.
(function () {
    "use strict";

    var view = new URLSearchParams();
    view.append("path", location.pathname);
    try {
        var from = document.referrer ? new URL(document.referrer).hostname : "";
        if (from && from !== location.hostname) view.append("referrer", from);
    } catch (e) {
        // A referrer that is not a URL is no referrer.
    }

    if (navigator.sendBeacon) {
        navigator.sendBeacon("/analytics/view", view);
    } else {
        fetch("/analytics/view", { method: "POST", body: view, keepalive: true, credentials: "same-origin" });
    }
})();
