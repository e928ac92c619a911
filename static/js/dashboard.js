// Familieschool — the charts of the dashboards (templates/dashboard/*.html). The numbers come
// from the page itself ({{ grafieken|json_script:"dashboard-data" }}); every chart has a table
// with the same numbers, so the page is complete without this file. A suppressed figure ("<5")
// arrives as null and gets no bar. No inline scripts or styles (CSP): sizes go through the CSSOM.
(function () {
  "use strict";

  var BRON = document.getElementById("dashboard-data");
  // Brand teal and a dark amber: each at least 3:1 against white and told apart by the legend.
  var KLEUREN = ["#0b5c6b", "#8a5a00", "#b02a37"];
  var getal = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 2 });
  var HOOGTE_PER_STAAF = 30;

  function metEenheid(waarde, eenheid) {
    if (waarde === null || waarde === undefined) {
      return "<5";
    }
    return getal.format(waarde) + (eenheid ? " " + eenheid : "");
  }

  function config(grafiek) {
    var horizontaal = Boolean(grafiek.horizontaal);
    var waardeAs = {
      beginAtZero: true,
      ticks: {
        precision: grafiek.eenheid === "uur" ? undefined : 0,
        callback: function (waarde) {
          return metEenheid(waarde, grafiek.eenheid);
        },
      },
    };
    if (grafiek.max) {
      waardeAs.max = grafiek.max;
    }
    var meer = grafiek.reeksen.length > 1;
    return {
      type: "bar",
      data: {
        labels: grafiek.labels,
        datasets: grafiek.reeksen.map(function (reeks, i) {
          return {
            label: reeks.label,
            data: reeks.data,
            backgroundColor: KLEUREN[i % KLEUREN.length],
            borderRadius: 3,
            maxBarThickness: 40,
          };
        }),
      },
      options: {
        indexAxis: horizontaal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false, // printed and screenshotted; no motion needed
        scales: horizontaal ? { x: waardeAs, y: { ticks: { autoSkip: false } } } : { y: waardeAs },
        plugins: {
          legend: { display: meer, position: "bottom" },
          tooltip: {
            callbacks: {
              label: function (context) {
                return context.dataset.label + ": " + metEenheid(context.raw, grafiek.eenheid);
              },
            },
          },
        },
      },
    };
  }

  function tekenAlles() {
    if (!BRON || typeof window.Chart === "undefined") {
      return;
    }
    var data = JSON.parse(BRON.textContent);
    window.Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.color = "#495057";
    window.Chart.defaults.locale = "nl-NL";
    document.querySelectorAll("canvas[data-grafiek]").forEach(function (canvas) {
      var grafiek = data[canvas.getAttribute("data-grafiek")];
      if (!grafiek) {
        return;
      }
      // A horizontal chart grows with its rows (a board with many schools, many categories).
      if (grafiek.horizontaal) {
        var vak = canvas.parentElement;
        var staven = grafiek.labels.length * grafiek.reeksen.length;
        vak.style.height = Math.max(220, 60 + staven * HOOGTE_PER_STAAF) + "px";
      }
      new window.Chart(canvas, config(grafiek));
    });
  }

  tekenAlles();
})();
