"use strict";
// Keep every keystroke in the browser too, so a network drop loses nothing; say when saving fails.
document.querySelectorAll("form.gs-report-section").forEach(function (form) {
  var key = form.dataset.key, area = form.querySelector("textarea");
  var kept = localStorage.getItem(key);
  if (kept !== null && kept !== area.value && !area.disabled) {
    var note = document.createElement("div");
    note.className = "alert alert-warning py-1 small";
    note.textContent = "Có bản chưa lưu trên máy này. ";
    var use = document.createElement("button");
    use.type = "button"; use.className = "btn btn-sm btn-link p-0"; use.textContent = "Dùng bản này";
    use.onclick = function () { area.value = kept; note.remove(); area.dispatchEvent(new Event("input", {bubbles: true})); };
    note.appendChild(use); area.before(note);
  }
  area.addEventListener("input", function () { localStorage.setItem(key, area.value); });
  form.addEventListener("htmx:afterRequest", function (e) {
    if (e.detail.successful) { localStorage.removeItem(key); }
  });
  form.addEventListener("htmx:sendError", function () {
    var s = form.querySelector("[role=status]");
    s.innerHTML = '<span class="text-danger">Mất kết nối: chưa lưu lên máy chủ, nội dung vẫn được giữ trên máy này và sẽ lưu khi gõ tiếp.</span>';
  });
});
document.body.addEventListener("htmx:beforeSwap", function (e) {
  if (e.detail.xhr.status === 409 || e.detail.xhr.status === 422) { e.detail.shouldSwap = true; e.detail.isError = false; }
});
