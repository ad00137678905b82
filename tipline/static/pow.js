/*
 * tipline: the proof of work the tip form asks for while the site is under a
 * flood (tipline/intake/proof_of_work.py says why and how it is checked).
 *
 * Finds a counter n such that SHA-256(challenge + ":" + n) starts with the
 * number of zero bits the challenge names, using only the browser's Web
 * Crypto API, then posts the form with n in a hidden field "pow_solution".
 * Nothing here talks to any server; no third-party code.
 *
 * Without JavaScript, or where Web Crypto is unavailable (a page that is not
 * a secure context), the form is posted as it is and the server accepts it
 * without a proof: nobody is ever turned away for lacking this script.
 */
(function () {
  "use strict";

  var BATCH = 512;

  function zeroBits(bytes) {
    var count = 0;
    for (var i = 0; i < bytes.length; i++) {
      var b = bytes[i];
      if (b === 0) {
        count += 8;
        continue;
      }
      while ((b & 0x80) === 0) {
        count += 1;
        b <<= 1;
      }
      break;
    }
    return count;
  }

  function solve(challenge, bits) {
    var encoder = new TextEncoder();
    var prefix = challenge + ":";
    function round(start) {
      var digests = [];
      for (var n = start; n < start + BATCH; n++) {
        digests.push(window.crypto.subtle.digest("SHA-256", encoder.encode(prefix + n)));
      }
      return Promise.all(digests).then(function (results) {
        for (var i = 0; i < results.length; i++) {
          if (zeroBits(new Uint8Array(results[i])) >= bits) {
            return start + i;
          }
        }
        return round(start + BATCH);
      });
    }
    return round(0);
  }

  function init() {
    var input = document.querySelector('input[name="pow_challenge"]');
    if (!input || !input.form || !window.crypto || !window.crypto.subtle || !window.TextEncoder) {
      return;
    }
    var form = input.form;
    var challenge = input.value;
    var bits = parseInt(challenge.split(".")[2], 10);
    var status = document.getElementById("pow-status");
    var solving = false;
    if (!(bits > 0)) {
      return;
    }
    form.addEventListener("submit", function (event) {
      if (form.querySelector('input[name="pow_solution"]')) {
        return; // solved already: let the browser post it
      }
      event.preventDefault();
      if (solving) {
        return;
      }
      solving = true;
      if (status) {
        status.textContent = status.getAttribute("data-working");
      }
      solve(challenge, bits).then(
        function (n) {
          var answer = document.createElement("input");
          answer.type = "hidden";
          answer.name = "pow_solution";
          answer.value = String(n);
          form.appendChild(answer);
          if (status) {
            status.textContent = status.getAttribute("data-done");
          }
          form.submit();
        },
        function () {
          // Web Crypto refused (an odd browser setting): post without a proof.
          form.submit();
        }
      );
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
