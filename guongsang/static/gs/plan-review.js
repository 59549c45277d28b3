"use strict";
// "nguồn": show where a value was read from, and which row a marked stretch of the source fills.
(function () {
  var source = document.getElementById("gs-source");
  function clear() { document.querySelectorAll(".active").forEach(function (el) { el.classList.remove("active"); }); }
  document.querySelectorAll(".gs-src").forEach(function (button) {
    button.addEventListener("click", function () {
      clear();
      var marks = source.querySelectorAll('mark[data-ids~="' + button.dataset.span + '"]');
      marks.forEach(function (m) { m.classList.add("active"); });
      if (marks.length) { source.scrollTop = marks[0].offsetTop - source.offsetTop - 40; }
    });
  });
  source.addEventListener("click", function (e) {
    var mark = e.target.closest("mark");
    if (!mark) { return; }
    clear();
    var ids = mark.dataset.ids.split(" "), row = document.querySelector('[data-row="' + ids[ids.length - 1] + '"]');
    if (row) {
      var section = row.closest("details");
      if (section) { section.open = true; }
      row.classList.add("active"); row.scrollIntoView({block: "center"});
    }
  });
})();
