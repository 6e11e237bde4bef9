// The phone menu: a real button that says whether the menu is open (aria-expanded).
(function () {
  var button = document.querySelector(".nav-toggle-button");
  if (!button) { return; }
  var bar = button.closest(".topbar");
  bar.classList.add("js-nav");
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", open ? "false" : "true");
  });
}());
