// The exit fields of the phase form (summary, exit type, outcome…) only when the chosen
// phase closes the case. Without this script they stay visible and the server ignores them
// on any other move.
(function () {
  "use strict";
  var fieldset = document.querySelector("[data-exit-fields]");
  var select = document.getElementById("id_to_phase");
  if (!fieldset || !select) return;
  function update() {
    var closing = select.value === fieldset.dataset.terminalPhase;
    fieldset.hidden = !closing;
    fieldset.disabled = !closing;
  }
  select.addEventListener("change", update);
  update();
})();
