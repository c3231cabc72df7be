/* perfeval review site: sort the tables marked "sortable" by a click on a column heading, and
   filter the project list. Plain JavaScript, no network; without it every page reads the same. */
(function () {
  "use strict";

  function value(row, column) {
    var cell = row.cells[column];
    if (!cell) return "";
    var v = cell.getAttribute("data-value");
    return v === null ? cell.textContent.trim() : v;
  }

  function sortBy(table, column, th) {
    var numeric = th.getAttribute("data-type") === "number";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    Array.prototype.forEach.call(th.parentNode.cells, function (other) {
      other.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.forEach(function (row, i) { row._order = i; });
    rows.sort(function (a, b) {
      var x = value(a, column), y = value(b, column), d;
      if (numeric) {
        d = (parseFloat(x) || 0) - (parseFloat(y) || 0);
      } else {
        d = x.localeCompare(y, "zh-CN");
      }
      if (!ascending) d = -d;
      return d || a._order - b._order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }

  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var head = table.tHead.rows[table.tHead.rows.length - 1];
    Array.prototype.forEach.call(head.cells, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent;
      button.title = "按此列排序";
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, column, th); });
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll("form.filters"), function (form) {
    var table = document.getElementById(form.getAttribute("data-table"));
    var status = form.querySelector("output");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    function apply() {
      var q = form.elements.q.value.trim().toLowerCase();
      var grade = form.elements.grade.value;
      var errors = form.elements.errors.checked;
      var shown = 0;
      rows.forEach(function (row) {
        var text = (row.textContent + " " + row.getAttribute("data-codes")).toLowerCase();
        var keep = (!q || text.indexOf(q) !== -1) &&
          (!grade || row.getAttribute("data-grade") === grade) &&
          (!errors || row.getAttribute("data-errors") !== "0");
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      status.textContent = "本页显示 " + shown + " / " + rows.length + " 项";
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  });
})();
