/* Agora portal: small enhancements on top of pages that work without JavaScript.
   - facets longer than a few values get a "show all" toggle;
   - the result count is announced to screen readers after an htmx update;
   - preview tables whose headings are not links become sortable in place. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function facetToggles(root) {
    root.querySelectorAll(".facet").forEach(function (facet) {
      var hidden = facet.querySelectorAll(".facet-more");
      if (!hidden.length || facet.querySelector(".facet-toggle")) return;
      var area = facet.closest("[data-show-all]") || document.querySelector("[data-show-all]");
      var more = area ? area.getAttribute("data-show-all") : "Show all";
      var less = area ? area.getAttribute("data-show-fewer") : "Show fewer";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "facet-toggle";
      button.setAttribute("aria-expanded", "false");
      button.textContent = more + " (" + (hidden.length + facet.querySelectorAll("li").length - hidden.length) + ")";
      button.addEventListener("click", function () {
        var open = facet.classList.toggle("expanded");
        button.setAttribute("aria-expanded", open ? "true" : "false");
        button.textContent = open ? less : more + " (" + facet.querySelectorAll("li").length + ")";
      });
      facet.appendChild(button);
    });
  }

  function cellValue(row, index) {
    var cell = row.children[index];
    return cell ? cell.textContent.trim() : "";
  }

  function compare(a, b) {
    var x = parseFloat(a.replace(/,/g, "")), y = parseFloat(b.replace(/,/g, ""));
    var numeric = /^[-+]?[\d.,]+(e[-+]?\d+)?$/i;
    if (numeric.test(a) && numeric.test(b) && !isNaN(x) && !isNaN(y)) return x - y;
    if (!a) return 1;
    if (!b) return -1;
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  function sortableTables(root) {
    root.querySelectorAll("table[data-sortable]").forEach(function (table) {
      if (table.dataset.ready || table.querySelector("thead a")) return;
      table.dataset.ready = "1";
      var headers = table.querySelectorAll("thead th");
      headers.forEach(function (th, index) {
        var button = document.createElement("button");
        button.type = "button";
        button.innerHTML = th.innerHTML + '<span class="sort-mark" aria-hidden="true"></span>';
        th.textContent = "";
        th.appendChild(button);
        button.addEventListener("click", function () {
          var descending = th.getAttribute("aria-sort") === "ascending";
          headers.forEach(function (other) { other.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", descending ? "descending" : "ascending");
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (r1, r2) {
            var result = compare(cellValue(r1, index), cellValue(r2, index));
            return descending ? -result : result;
          });
          rows.forEach(function (row) { body.appendChild(row); });
        });
      });
    });
  }

  function announce() {
    var status = document.getElementById("search-status");
    var count = document.querySelector(".results-count");
    if (status && count) status.textContent = count.textContent.trim();
  }

  function enhance(root) {
    facetToggles(root);
    sortableTables(root);
  }

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  document.addEventListener("htmx:load", function (event) { enhance(event.target); });
  document.addEventListener("htmx:afterSettle", announce);
})();
