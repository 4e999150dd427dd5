/* The explorer page: DataTables over the plain tables, a filter per marked
   column, and the row an anchor (#claim-… or #event-…) names opened and shown. */
(function () {
  "use strict";
  var tables = [];

  function addFilters(api, table) {
    var heads = table.querySelectorAll("thead th");
    var bar = document.createElement("div");
    bar.className = "explorer-filters";
    heads.forEach(function (th, index) {
      if (!th.hasAttribute("data-filter")) { return; }
      var values = {};
      api.column(index).data().each(function (cell) {
        String(cell).split("; ").forEach(function (v) { if (v) { values[v] = true; } });
      });
      var label = document.createElement("label");
      label.textContent = th.textContent + " ";
      var select = document.createElement("select");
      select.setAttribute("data-column", index);
      var all = document.createElement("option");
      all.value = ""; all.textContent = "all";
      select.appendChild(all);
      Object.keys(values).sort().forEach(function (v) {
        var option = document.createElement("option");
        option.value = v; option.textContent = v;
        select.appendChild(option);
      });
      select.addEventListener("change", function () {
        var v = select.value;
        var pattern = v ? "(^|; )" + v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "(;|$)" : "";
        api.column(index).search(pattern, {regex: true, smart: false}).draw();
      });
      label.appendChild(select);
      bar.appendChild(label);
    });
    table.closest(".dt-container").insertBefore(bar, table.closest(".dt-container").firstChild);
  }

  function openAnchor() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) { return; }
    tables.forEach(function (entry) {
      var row = entry.api.row("#" + CSS.escape(id));
      if (!row.any()) { return; }
      entry.api.search("").columns().search("");
      entry.table.closest(".dt-container").querySelectorAll(".explorer-filters select").forEach(function (s) { s.value = ""; });
      entry.api.draw();
      var node = row.node();
      document.querySelectorAll("tr.explorer-target").forEach(function (tr) { tr.classList.remove("explorer-target"); });
      node.classList.add("explorer-target");
      node.scrollIntoView({block: "center"});
    });
  }

  function init() {
    if (!window.DataTable) { return; }  // the plain tables stay
    document.querySelectorAll("table.explorer-table").forEach(function (table) {
      var api = new DataTable(table, {
        paging: false, order: [], autoWidth: false, scrollX: false,
        language: {search: "Search:", info: "_TOTAL_ rows", infoFiltered: " (of _MAX_)"}
      });
      tables.push({api: api, table: table});
      addFilters(api, table);
    });
    openAnchor();
    window.addEventListener("hashchange", openAnchor);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
