// Attendance page: "Iedereen aanwezig" marks every child without a choice as present, and a
// counter says how many children are marked. The page works without this file (one tap per
// child, then save); the button stays hidden then.
(function () {
  "use strict";

  var lijst = document.querySelector("[data-presentie-lijst]");
  if (!lijst) {
    return;
  }
  var rijen = lijst.querySelectorAll(".presentie-rij");
  var teller = document.querySelector("[data-presentie-teller]");
  var knop = document.querySelector("[data-iedereen-aanwezig]");

  function gekozen(rij) {
    return rij.querySelector("input[type=radio]:checked") !== null;
  }

  function telOpnieuw() {
    if (!teller) {
      return;
    }
    var aantal = 0;
    rijen.forEach(function (rij) {
      if (gekozen(rij)) {
        aantal += 1;
      }
    });
    teller.textContent = aantal + " van " + rijen.length + " gekozen";
  }

  if (knop) {
    knop.hidden = false;
    knop.addEventListener("click", function () {
      rijen.forEach(function (rij) {
        if (!gekozen(rij)) {
          var aanwezig = rij.querySelector("input[type=radio][value=aanwezig]");
          if (aanwezig) {
            aanwezig.checked = true;
          }
        }
      });
      telOpnieuw();
    });
  }
  lijst.addEventListener("change", telOpnieuw);
  telOpnieuw();
})();
