// 常用语: a pick goes into its text box at the cursor (or after what is there), then the pick resets,
// so the server never applies it a second time. Without script the server uses the pick instead.
(function () {
  "use strict";
  document.querySelectorAll("select[data-phrase-for]").forEach(function (select) {
    var box = document.getElementById(select.dataset.phraseFor);
    if (!box) return;
    var touched = false;
    box.addEventListener("focus", function () { touched = true; });
    select.addEventListener("change", function () {
      var option = select.options[select.selectedIndex];
      var text = option ? option.getAttribute("data-text") : "";
      if (!text) return;
      var value = box.value, start = value.length, end = value.length;
      if (touched) { start = box.selectionStart; end = box.selectionEnd; }
      else if (value && value.slice(-1) !== "\n") { text = "\n" + text; }
      box.value = value.slice(0, start) + text + value.slice(end);
      select.value = "";
      box.focus();
      box.setSelectionRange(start + text.length, start + text.length);
    });
  });
})();
