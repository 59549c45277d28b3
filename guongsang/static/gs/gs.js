// Behaviour shared by every page. The Content-Security-Policy allows scripts from this server only,
// so pages carry data- attributes and no inline script or event handler.
(function () {
  "use strict";

  // <select data-gs-autosubmit>: choosing an option submits its form.
  document.addEventListener("change", function (e) {
    var select = e.target.closest("select[data-gs-autosubmit]");
    if (select && select.form) { select.form.submit(); }
  });

  // <form data-gs-confirm="Question?">: ask before sending.
  document.addEventListener("submit", function (e) {
    var question = e.target.dataset ? e.target.dataset.gsConfirm : null;
    if (question && !window.confirm(question)) { e.preventDefault(); e.stopImmediatePropagation(); }
  }, true);

  // Sizes computed on the server: data-gs-width="42" (a percentage), data-gs-indent="2" (rem).
  function size(root) {
    root.querySelectorAll("[data-gs-width]").forEach(function (el) { el.style.width = el.dataset.gsWidth + "%"; });
    root.querySelectorAll("[data-gs-indent]").forEach(function (el) { el.style.paddingLeft = el.dataset.gsIndent + "rem"; });
  }

  // The organisation tree: a second tap on "−" folds the children away instead of loading them again.
  document.addEventListener("click", function (e) {
    var button = e.target.closest("button[data-gs-fold]");
    if (!button) { return; }
    if (button.dataset.open) {
      button.dataset.open = "";
      document.getElementById(button.dataset.gsFold).innerHTML = "";
      button.textContent = "+";
      e.stopImmediatePropagation();
      e.preventDefault();
    } else {
      button.dataset.open = "1";
      button.textContent = "−";
    }
  }, true);

  if (window.htmx) { window.htmx.onLoad(size); }
  document.addEventListener("DOMContentLoaded", function () { size(document); });
})();
