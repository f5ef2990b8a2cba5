// Consent in the browser: deletes cookies of categories not allowed, runs gated scripts only once allowed, and honours
// navigator.globalPrivacyControl the way the server honours the Sec-GPC header. The page works without this file.
// It runs on load and again after each enhanced navigation (ADR 0034); each step is safe to repeat.
(function () {
    "use strict";

    function applyConsent() {
        var state = document.querySelector("[data-cookie-consent]");
        if (!state) return;
        var granted = (state.getAttribute("data-granted") || "").split(" ").filter(Boolean);

        // Cookies the server could not expire (set by scripts) go too; a cookie may have been set for this host or its path.
        (state.getAttribute("data-clear") || "").split(" ").filter(Boolean).forEach(function (name) {
            if (document.cookie.split("; ").some(function (c) { return c.split("=")[0] === name; })) {
                document.cookie = name + "=; Max-Age=0; Path=/; SameSite=Lax";
            }
        });

        // <script type="text/plain" data-category="analytics" src="..."> becomes a real script only with consent.
        document.querySelectorAll('script[type="text/plain"][data-category]').forEach(function (inert) {
            if (granted.indexOf(inert.getAttribute("data-category")) < 0) return;
            var live = document.createElement("script");
            Array.prototype.forEach.call(inert.attributes, function (a) {
                if (a.name !== "type" && a.name !== "data-category") live.setAttribute(a.name, a.value);
            });
            inert.replaceWith(live);
        });

        if (navigator.globalPrivacyControl === true) {
            document.querySelectorAll(".cookie-consent-form").forEach(function (form) {
                var note = form.querySelector("[data-cookie-gpc]");
                if (note) note.hidden = false;
                if (form.querySelector('input[name="gpc"]')) return;
                var flag = document.createElement("input");
                flag.type = "hidden";
                flag.name = "gpc";
                flag.value = "1";
                form.appendChild(flag);
            });
        }
    }

    applyConsent();
    if (window.Blazor) window.Blazor.addEventListener("enhancedload", applyConsent);
})();
