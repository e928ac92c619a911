// Enrolment: a ticked pupil moves from the search results to the "chosen" list, so a new search
// does not lose the choice. Without JavaScript the form still works for one search at a time.
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var vak = event.target;
    if (!vak.matches || !vak.matches("#inschrijf-resultaten input[type=checkbox]")) return;
    var gekozen = document.getElementById("inschrijf-gekozen");
    if (!gekozen || !vak.checked) return;
    var rij = vak.closest("li");
    gekozen.appendChild(rij);
    gekozen.closest("[hidden]") && gekozen.closest("[hidden]").removeAttribute("hidden");
    var zoek = document.getElementById("inschrijf-zoek");
    if (zoek) {
      zoek.value = "";
      zoek.focus();
    }
  });
})();
