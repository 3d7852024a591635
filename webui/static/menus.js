// The header's menus (templates/_header.html), made easier with a mouse and a keyboard: one
// group open at a time, closed by a click elsewhere or by Escape (focus back on its name).
// Without this script every menu still opens and closes with its own button (<details>).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const groups = Array.from(document.querySelectorAll("details.nav-group"));
  const closeAll = (except) => {
    groups.forEach((group) => { if (group !== except) group.open = false; });
  };
  groups.forEach((group) => group.addEventListener("toggle", () => {
    if (group.open) closeAll(group);
  }));
  document.addEventListener("click", (event) => {
    if (!event.target.closest("details.nav-group")) closeAll(null);
  });
  document.addEventListener("keydown", (event) => {
    const open = groups.find((group) => group.open);
    if (event.key === "Escape" && open) {
      open.open = false;
      open.querySelector("summary").focus();
    }
  });
});
