// Familieschool — the charts of the reach overview (templates/activiteiten/bereik/overzicht.html).
// The numbers come from the page itself ({{ grafieken|json_script:"bereik-data" }}); every chart
// has a table with the same numbers next to it, so the page is complete without this file.
// No inline scripts or styles (CSP): Chart.js sizes its canvas through the CSSOM, which CSP allows.
(function () {
  "use strict";

  var BRON = document.getElementById("bereik-data");
  // Brand teal, a dark amber and the app's red: each at least 3:1 against white (WCAG 1.4.11).
  var KLEUREN = ["#0b5c6b", "#8a5a00", "#b02a37"];
  var getal = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 });

  function metEenheid(waarde, eenheid) {
    return getal.format(waarde) + (eenheid ? " " + eenheid : "");
  }

  function staaf(grafiek) {
    var horizontaal = Boolean(grafiek.horizontaal);
    var waardeAs = {
      beginAtZero: true,
      ticks: {
        precision: 0,
        callback: function (waarde) {
          return metEenheid(waarde, grafiek.eenheid);
        },
      },
    };
    if (grafiek.max) {
      waardeAs.max = grafiek.max;
    }
    return {
      type: "bar",
      data: {
        labels: grafiek.labels,
        datasets: grafiek.reeksen.map(function (reeks) {
          return {
            label: reeks.label,
            data: reeks.data,
            backgroundColor: KLEUREN[0],
            borderRadius: 3,
            maxBarThickness: 48,
          };
        }),
      },
      options: {
        indexAxis: horizontaal ? "y" : "x",
        scales: horizontaal ? { x: waardeAs, y: { ticks: { autoSkip: false } } } : { y: waardeAs },
        plugins: { legend: { display: false } },
      },
    };
  }

  function ring(grafiek) {
    return {
      type: "doughnut",
      data: {
        labels: grafiek.labels,
        datasets: grafiek.reeksen.map(function (reeks) {
          return { label: reeks.label, data: reeks.data, backgroundColor: KLEUREN, borderColor: "#fff" };
        }),
      },
      options: { plugins: { legend: { position: "right" } } },
    };
  }

  function teken(canvas, grafiek) {
    var config = grafiek.soort === "doughnut" ? ring(grafiek) : staaf(grafiek);
    config.options.responsive = true;
    config.options.maintainAspectRatio = false;
    config.options.animation = false; // printed and screenshotted; no motion needed
    config.options.plugins.tooltip = {
      callbacks: {
        label: function (context) {
          return context.label + ": " + metEenheid(context.raw, grafiek.eenheid);
        },
      },
    };
    return new window.Chart(canvas, config);
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
      if (grafiek) {
        teken(canvas, grafiek);
      }
    });
  }

  // Another school year has other blocks: choosing one clears the block, so "Toon cijfers"
  // shows the whole year instead of silently ignoring a block of the previous year.
  function koppelFilter() {
    var filter = document.querySelector("[data-bereik-filter]");
    if (!filter) {
      return;
    }
    var schooljaar = filter.querySelector("[name=schooljaar]");
    var blok = filter.querySelector("[name=blok]");
    if (schooljaar && blok) {
      schooljaar.addEventListener("change", function () {
        blok.value = "";
      });
    }
  }

  tekenAlles();
  koppelFilter();
})();
