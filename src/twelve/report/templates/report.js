"use strict";
// Progressive enhancement only: the page reads completely without this script.
(function () {
  var body = document.body;
  var buttons = document.querySelectorAll(".toolbar .filter");

  function setFilter(value) {
    body.classList.toggle("only-open", value === "open");
    buttons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-filter") === value));
    });
  }

  buttons.forEach(function (button) {
    button.addEventListener("click", function () { setFilter(button.getAttribute("data-filter")); });
  });

  // A closed <details> prints closed: open every section for paper, and restore it afterwards.
  var reopened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      reopened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    reopened.forEach(function (details) { details.open = false; });
    reopened = [];
  });

  // Following a link to a factor opens its evidence.
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target && target.classList.contains("factor")) {
      var details = target.querySelector("details.evidence");
      if (details) { details.open = true; }
    }
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  document.documentElement.setAttribute("data-ready", "true");
})();
