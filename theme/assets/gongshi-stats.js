// The performance table, sortable by any column: each column heading becomes a button. Cities
// sort among themselves, each city's counties within it (they stay below their city). Without
// this script the table is complete, in the order of region codes.
(function () {
  "use strict";
  const table = document.querySelector(".gs-performance-table");
  if (!table) return;
  const hint = document.querySelector("[data-sort-hint]");
  if (hint) hint.hidden = false;
  const body = table.tBodies[0];
  const heads = [...table.tHead.rows[0].cells];

  function value(row, index, kind) {
    const cell = row.cells[index];
    const raw = cell.dataset.value;
    if (kind === "number") return raw === "" ? null : Number(raw);
    return cell.textContent.trim();
  }

  function compare(a, b, index, kind, direction) {
    const x = value(a, index, kind), y = value(b, index, kind);
    if (x === null && y === null) return 0;
    if (x === null) return 1;  // rows without a value go last either way
    if (y === null) return -1;
    const order = kind === "number" ? x - y : x.localeCompare(y, document.documentElement.lang);
    return direction === "ascending" ? order : -order;
  }

  function sortBy(index, direction) {
    const kind = heads[index].dataset.sort;
    const groups = [];
    for (const row of body.rows) {
      if (row.dataset.level === "city") groups.push({ city: row, counties: [] });
      else groups[groups.length - 1].counties.push(row);
    }
    groups.sort((a, b) => compare(a.city, b.city, index, kind, direction));
    for (const group of groups) {
      group.counties.sort((a, b) => compare(a, b, index, kind, direction));
      body.append(group.city, ...group.counties);
    }
    heads.forEach((th, i) => {
      if (i === index) th.setAttribute("aria-sort", direction);
      else th.removeAttribute("aria-sort");
    });
  }

  heads.forEach((th, index) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "gs-sort";
    const label = th.textContent.trim();
    button.textContent = label;
    button.setAttribute("aria-label", table.dataset.sortLabel.replace("{column}", label));
    th.replaceChildren(button);
    button.addEventListener("click", () => {
      const next = th.getAttribute("aria-sort") === "descending" ? "ascending"
        : th.getAttribute("aria-sort") === "ascending" ? "descending"
        : (th.dataset.sort === "number" ? "descending" : "ascending");
      sortBy(index, next);
    });
  });
})();
