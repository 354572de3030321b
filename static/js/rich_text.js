// The about-text editor (django-prose-editor, built on Tiptap) injects Tiptap's base CSS as an
// inline <style> element, which our CSP (style-src 'self') blocks and reports. Tiptap injects
// nothing when `style[data-tiptap-style]` matches an element, so this classic script (it runs
// before the editor's module scripts) adds one that is no HTML <style> element: an element
// named "style" in a namespace of its own, which the browser neither applies nor checks
// against the CSP. The same CSS comes from css/rich_text.css, a static file.
(function () {
  if (document.querySelector("style[data-tiptap-style]")) {
    return;
  }
  var placeholder = document.createElementNS("urn:x-eca:placeholder", "style");
  placeholder.setAttribute("data-tiptap-style", "");
  document.head.appendChild(placeholder);
})();

// The editable area replaces the textarea, so it takes over the textarea's label and help
// text (screen readers announced an unnamed text box).
document.addEventListener("prose-editor:ready", function (event) {
  var textarea = event.detail.textarea;
  var editable = event.detail.editor.view.dom;
  var label = textarea.id && document.querySelector('label[for="' + textarea.id + '"]');
  if (label) {
    editable.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
  }
  var described = textarea.getAttribute("aria-describedby");
  if (described) {
    editable.setAttribute("aria-describedby", described);
  }
});
