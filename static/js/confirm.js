// Behaviour that templates ask for with data attributes, so that the Content Security Policy
// needs no inline scripts ('unsafe-inline'):
//   <form data-confirm="¿Seguro?">  asks before submitting;
//   <button data-print>             prints the page.
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
