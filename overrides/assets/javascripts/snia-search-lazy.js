/* SNIA report site: the search index is loaded when the reader goes to
   search, not on every first visit (it grows with the content: the largest
   download of a first visit, and most visits never search).
   Material requests search/search_index.json (XMLHttpRequest) as soon as the
   page loads; this script, loaded just before Material's, holds that one
   request back until the reader points at, touches or focuses the search
   box (Material's shortcuts focus it too), or the address carries a search
   (?q=) or words to highlight (?h=). The search box shows "initialising"
   meanwhile, as before. */
(function () {
  "use strict";
  var form = document.forms.namedItem("search");
  if (!form || !window.XMLHttpRequest) return;
  var proto = XMLHttpRequest.prototype;
  var open = proto.open;
  var send = proto.send;
  var wanted = false;
  var held = [];
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  function want() {
    if (wanted) return;
    wanted = true;
    held.splice(0).forEach(function (call) { send.apply(call[0], call[1]); });
  }
  proto.open = function (method, url) {
    this.sniaSearchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (this.sniaSearchIndex && !wanted) {
      held.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };
  if (/[?&](?:q|h)=/.test(window.location.search)) want();
  var opts = { passive: true };
  ["focusin", "pointerover", "touchstart"].forEach(function (type) {
    form.addEventListener(type, want, opts);
  });
  var toggle = document.getElementById("__search");
  if (toggle) toggle.addEventListener("change", want);
  var buttons = document.querySelectorAll('label[for="__search"]');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener("pointerover", want, opts);
    buttons[i].addEventListener("touchstart", want, opts);
    buttons[i].addEventListener("click", want);
  }
})();
