// Familieschool — small progressive enhancements. Every page works without this file.
// No inline handlers anywhere (CSP: script-src 'self'); everything is wired up here.
(function () {
  "use strict";

  // After a form comes back with errors, put the cursor in the first field that needs fixing,
  // so keyboard and screen-reader users land where the problem is.
  function focusFirstInvalidField() {
    var invalid = document.querySelector(
      "main form .is-invalid, main form [aria-invalid='true']"
    );
    if (!invalid || typeof invalid.focus !== "function") {
      return;
    }
    if (document.activeElement && document.activeElement !== document.body) {
      return; // the page (or the user) already chose where the focus goes
    }
    invalid.focus();
  }

  // htmx replaced a region: if the control that asked for it (a pagination link) was swapped
  // away, focus would fall back to the top of the page. Put it on the new region instead, and
  // let a live region outside it announce the summary the partial carries.
  function afterSwap(event) {
    var target = event.detail && event.detail.target;
    if (!target) {
      return;
    }
    var status = document.querySelector("[data-live-status-for='" + target.id + "']");
    var summary = target.querySelector("[data-live-summary]");
    if (status && summary) {
      status.textContent = summary.textContent.trim();
    }
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (source && !document.body.contains(source)) {
      if (!target.hasAttribute("tabindex")) {
        target.setAttribute("tabindex", "-1");
      }
      target.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", focusFirstInvalidField);
  document.addEventListener("htmx:afterSwap", afterSwap);
})();
