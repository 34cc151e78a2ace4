/* The compact menu of narrow screens: a disclosure button that shows and hides the
   site's navigation. Without this script the menu simply stays open (and wraps). */
(function () {
  "use strict";
  var nav = document.querySelector("[data-nav]");
  if (!nav) return;
  var button = nav.querySelector(".nav-toggle");
  var menu = document.getElementById(button.getAttribute("aria-controls"));
  nav.classList.add("nav-collapsible");

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    nav.classList.toggle("is-open", open);
  }

  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  nav.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && nav.classList.contains("is-open")) {
      setOpen(false);
      button.focus();
    }
  });
  // Leaving the menu with the keyboard closes it on narrow screens.
  menu.addEventListener("focusout", function (event) {
    if (!nav.contains(event.relatedTarget) && nav.classList.contains("is-open")) {
      setOpen(false);
    }
  });
})();
