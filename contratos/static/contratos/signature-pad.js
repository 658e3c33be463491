/* Signature pad: draws with Pointer Events (mouse, pen and touch) on a <canvas> and keeps
   a PNG data URL in a hidden input. No dependencies. Reinserción, AGPL-3.0-or-later. */
(function () {
  "use strict";
  function setUp(pad) {
    var canvas = pad.querySelector("canvas");
    var input = document.getElementById(pad.getAttribute("data-target"));
    var status = pad.querySelector("[data-status]");
    var ctx = canvas.getContext("2d");
    var drawing = false, last = null, inked = false;

    ctx.lineWidth = 3; ctx.lineCap = "round"; ctx.lineJoin = "round"; ctx.strokeStyle = "#111827";

    function point(event) {
      var box = canvas.getBoundingClientRect();
      return {
        x: (event.clientX - box.left) * (canvas.width / box.width),
        y: (event.clientY - box.top) * (canvas.height / box.height)
      };
    }
    function line(from, to) {
      ctx.beginPath(); ctx.moveTo(from.x, from.y); ctx.lineTo(to.x, to.y); ctx.stroke();
      inked = true;
    }
    function save() {
      if (inked) { input.value = canvas.toDataURL("image/png"); status.textContent = "Firma registrada."; }
    }
    canvas.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      if (canvas.setPointerCapture) { canvas.setPointerCapture(event.pointerId); }
      drawing = true; last = point(event);
      line(last, { x: last.x + 0.1, y: last.y + 0.1 });
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) { return; }
      event.preventDefault();
      var events = event.getCoalescedEvents ? event.getCoalescedEvents() : [event];
      if (!events.length) { events = [event]; }
      events.forEach(function (e) { var p = point(e); line(last, p); last = p; });
    });
    function stop() { if (drawing) { drawing = false; save(); } }
    canvas.addEventListener("pointerup", stop);
    canvas.addEventListener("pointercancel", stop);
    canvas.addEventListener("pointerleave", stop);
    pad.querySelector("[data-clear]").addEventListener("click", function () {
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      inked = false; input.value = ""; status.textContent = "Recuadro en blanco.";
    });
    if (input.value) {  // coming back to this step: show the signature already made
      var image = new Image();
      image.onload = function () { ctx.drawImage(image, 0, 0); inked = true; };
      image.src = input.value;
      status.textContent = "Firma registrada.";
    }
  }
  document.querySelectorAll("[data-signature-pad]").forEach(setUp);
})();
