/* SNIA report site, page behaviour (served by the site itself).
   - The language selector lands on the same section: the links to the other
     language carry the current #anchor (both languages use the same ids).
   - Printing: the page's address, and each link's full target, are printed. */
(function () {
  "use strict";
  function keepSection() {
    var links = document.querySelectorAll(".md-select__link[hreflang]");
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      var base = a.getAttribute("href").split("#")[0];
      a.setAttribute("href", base + window.location.hash);
    }
  }
  function printTargets() {
    var address = document.querySelector(".snia-print-address");
    if (address) address.textContent = window.location.href.split("#")[0];
    var links = document.querySelectorAll(".md-content a[href]");
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      var href = a.getAttribute("href");
      if (!href || href.charAt(0) === "#") continue;
      a.setAttribute("data-snia-target", a.href.replace(/^mailto:/, ""));
    }
  }
  keepSection();
  printTargets();
  window.addEventListener("hashchange", keepSection);
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".md-select__link[hreflang]");
    if (link) keepSection();
  }, true);
  window.addEventListener("beforeprint", printTargets);
})();
