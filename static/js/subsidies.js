// Familieschool — the spending chart of a grant (templates/subsidies/toekenning_detail.html).
// The numbers come from the page ({{ grafiek.json|json_script:"subsidie-grafiek-data" }}) and a
// table under the chart holds the same numbers, so the page is complete without this file.
// No inline scripts or styles (CSP).
(function () {
  "use strict";

  var BRON = document.getElementById("subsidie-grafiek-data");
  var canvas = document.querySelector("canvas[data-subsidie-grafiek]");
  // Brand teal, a dark amber and the app's red: each at least 3:1 against white (WCAG 1.4.11).
  var KLEUREN = ["#0b5c6b", "#8a5a00", "#b02a37"];
  // Solid, dashed and dotted: the series differ by more than colour alone (WCAG 1.4.1).
  var STREPEN = [[], [6, 4], [2, 3]];
  var euro = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });

  function getal(waarde) {
    return waarde === null ? null : Number(waarde);
  }

  function teken() {
    if (!BRON || !canvas || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(BRON.textContent);
    window.Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.color = "#495057";
    window.Chart.defaults.locale = "nl-NL";
    return new window.Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: data.reeksen.map(function (reeks, i) {
          return {
            label: reeks.label,
            data: reeks.data.map(getal),
            borderColor: KLEUREN[i],
            backgroundColor: KLEUREN[i],
            borderDash: STREPEN[i],
            pointRadius: i === 0 ? 3 : 0,
            spanGaps: false,
            tension: 0,
          };
        }),
      },
      options: {
        responsive: true,
        aspectRatio: 2.2,
        animation: false,
        scales: {
          y: {
            beginAtZero: true,
            ticks: {
              callback: function (waarde) {
                return euro.format(waarde);
              },
            },
          },
        },
        plugins: {
          legend: { position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (context) {
                return context.dataset.label + ": " + euro.format(context.raw);
              },
            },
          },
        },
      },
    });
  }

  teken();
})();
