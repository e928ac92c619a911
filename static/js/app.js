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

// Inline formsets (contact persons of a partner): "Nog een contactpersoon" copies the empty row
// from its <template> and raises the management form's count. Without this script the button
// stays hidden and the empty row the server renders is used.
(function () {
  "use strict";

  function showFormsetButtons() {
    document.querySelectorAll("[data-formset-add]").forEach(function (button) {
      button.hidden = false;
    });
  }

  function addFormsetRow(event) {
    var button = event.target.closest && event.target.closest("[data-formset-add]");
    if (!button) {
      return;
    }
    var prefix = button.getAttribute("data-formset-add");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var max = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
    var template = document.getElementById(prefix + "-leeg");
    var rows = document.querySelector("[data-formset='" + prefix + "']");
    if (!total || !template || !rows) {
      return;
    }
    var index = parseInt(total.value, 10);
    if (max && index >= parseInt(max.value, 10)) {
      return;
    }
    var html = template.innerHTML
      .replace(/__prefix__/g, String(index))
      .replace(/__nummer__/g, String(index + 1));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var first = rows.lastElementChild && rows.lastElementChild.querySelector("input:not([type=hidden])");
    if (first) {
      first.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", showFormsetButtons);
  document.addEventListener("click", addFormsetRow);
})();
