// A small rich-text editor for item bodies: progressive enhancement of <textarea data-editor>.
// Without JavaScript the textarea stays (plain text or HTML); with it, a formatting toolbar and an
// editable area whose HTML is copied back into the textarea on every change. The server sanitises
// whatever arrives (publications/sanitize.py), so pasting from Word is safe.
// Keyboard: Ctrl+B bold, Ctrl+I italic, Ctrl+U underline, Ctrl+Alt+2/3 headings, Ctrl+Alt+0 paragraph,
// Ctrl+Shift+7/8 numbered/bulleted list, Alt+F10 to the toolbar (arrow keys move, Esc returns).
(function () {
  "use strict";
  var BUTTONS = [
    ["formatBlock:<h3>", "小标题", "Ctrl+Alt+2"],
    ["formatBlock:<h4>", "三级标题", "Ctrl+Alt+3"],
    ["formatBlock:<p>", "正文段落", "Ctrl+Alt+0"],
    ["bold", "加粗", "Ctrl+B"],
    ["italic", "倾斜", "Ctrl+I"],
    ["underline", "下划线", "Ctrl+U"],
    ["insertOrderedList", "编号列表", "Ctrl+Shift+7"],
    ["insertUnorderedList", "项目列表", "Ctrl+Shift+8"],
    ["removeFormat", "清除格式", ""],
  ];
  var SHORTCUTS = { "alt+2": 0, "alt+3": 1, "alt+0": 2, "shift+7": 6, "shift+8": 7 };

  function toHtml(text) {
    if (!text || text.indexOf("<") !== -1) { return text; }
    return text.split(/\n\s*\n/).filter(function (p) { return p.trim(); }).map(function (p) {
      var div = document.createElement("div");
      div.textContent = p.trim();
      return "<p>" + div.innerHTML.replace(/\n/g, "<br>") + "</p>";
    }).join("");
  }

  function run(command) {
    var parts = command.split(":");
    document.execCommand(parts[0], false, parts[1] || null);
  }

  function enhance(textarea) {
    var toolbar = document.createElement("div");
    toolbar.className = "editor-toolbar";
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "正文格式（Alt+F10 进入，方向键切换，Esc 返回正文）");
    var area = document.createElement("div");
    area.className = "editor-area";
    area.contentEditable = "true";
    area.id = textarea.id + "_editor";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    var label = document.querySelector("label[for='" + textarea.id + "']");
    if (label) {
      label.id = label.id || textarea.id + "_label";
      label.removeAttribute("for");
      area.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function () { area.focus(); });
    }
    area.innerHTML = toHtml(textarea.value);
    var buttons = BUTTONS.map(function (spec, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[1];
      button.title = spec[2] ? spec[1] + "（" + spec[2] + "）" : spec[1];
      button.tabIndex = index === 0 ? 0 : -1;
      button.addEventListener("mousedown", function (e) { e.preventDefault(); });
      button.addEventListener("click", function () { area.focus(); run(spec[0]); sync(); });
      toolbar.appendChild(button);
      return button;
    });
    function sync() { textarea.value = area.innerHTML; }
    toolbar.addEventListener("keydown", function (e) {
      var at = buttons.indexOf(document.activeElement);
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
        var next = buttons[(at + (e.key === "ArrowRight" ? 1 : buttons.length - 1)) % buttons.length];
        buttons.forEach(function (b) { b.tabIndex = -1; });
        next.tabIndex = 0;
        next.focus();
        e.preventDefault();
      } else if (e.key === "Escape") {
        area.focus();
      }
    });
    area.addEventListener("keydown", function (e) {
      if (e.altKey && e.key === "F10") { buttons[0].focus(); e.preventDefault(); return; }
      if (!(e.ctrlKey || e.metaKey)) { return; }
      var key = (e.altKey ? "alt+" : e.shiftKey ? "shift+" : "") + (e.code || "").replace(/^Digit/, "");
      if (key in SHORTCUTS) { run(BUTTONS[SHORTCUTS[key]][0]); sync(); e.preventDefault(); }
    });
    area.addEventListener("input", sync);
    textarea.form.addEventListener("submit", sync);
    textarea.hidden = true;
    textarea.parentNode.insertBefore(toolbar, textarea);
    textarea.parentNode.insertBefore(area, textarea);
  }

  document.execCommand("defaultParagraphSeparator", false, "p");
  document.querySelectorAll("textarea[data-editor]").forEach(enhance);
})();
