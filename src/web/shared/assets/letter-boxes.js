// Délais IJ, the letter page: what is typed in the sender's boxes is written into the printable
// letter, on this device only. The boxes have no name and sit in no form, and this script sends
// nothing: no request ever carries them. Without this file the letter keeps dotted lines.
(function () {
  'use strict';

  function start() {
    var boxes = document.querySelector('[data-letter-boxes]');
    if (!boxes) return;
    boxes.hidden = false;
    Array.prototype.forEach.call(boxes.querySelectorAll('[data-fills]'), function (box) {
      var id = box.getAttribute('data-fills');
      box.addEventListener('input', function () {
        Array.prototype.forEach.call(document.querySelectorAll('[data-fill="' + id + '"]'), function (line) {
          var typed = box.value.trim();
          // textContent, never innerHTML: what is typed is text, and the CSS keeps its line breaks.
          line.textContent = typed === '' ? line.getAttribute('data-blank') : typed;
          line.classList.toggle('blank', typed === '');
        });
      });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
