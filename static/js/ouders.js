/*
 * The door page: a QR code of a paper invitation can be scanned with a hardware scanner (it types
 * the link into the code field and presses Enter) or, where the browser has the built-in
 * BarcodeDetector (Chromium on Android and ChromeOS, Safari 17+), with the tablet's camera. No
 * library and no network: without BarcodeDetector the camera button stays hidden.
 */
(function () {
  "use strict";

  function start() {
    var knop = document.getElementById("deur-camera-knop");
    var vak = document.getElementById("deur-camera");
    var video = document.getElementById("deur-video");
    var code = document.getElementById("deur-code");
    var formulier = document.getElementById("deur-scan-form");
    if (!knop || !vak || !video || !code || !formulier) return;
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
    knop.classList.remove("d-none");

    var stroom = null;
    function stop() {
      if (stroom) stroom.getTracks().forEach(function (t) { t.stop(); });
      stroom = null;
      vak.classList.add("d-none");
      knop.textContent = "Camera";
    }

    knop.addEventListener("click", function () {
      if (stroom) { stop(); return; }
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (s) {
        stroom = s;
        video.srcObject = s;
        vak.classList.remove("d-none");
        knop.textContent = "Camera uit";
        return video.play().then(function () {
          function kijk() {
            if (!stroom) return;
            detector.detect(video).then(function (codes) {
              if (codes.length) {
                code.value = codes[0].rawValue;
                stop();
                formulier.submit();
              } else {
                window.requestAnimationFrame(kijk);
              }
            }).catch(function () { window.requestAnimationFrame(kijk); });
          }
          kijk();
        });
      }).catch(function () { stop(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
