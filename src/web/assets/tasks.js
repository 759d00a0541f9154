/* global document, navigator, Element */
// Progressive enhancements of the daily-task pages; every page works without JavaScript.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    // Feedback where the eye is: after a post/redirect/get (or a refused form) the message gets focus.
    var notice = document.querySelector('#feedback .notice');
    if (notice) {
      notice.setAttribute('tabindex', '-1');
      notice.focus();
    }
    // Copy buttons (the text field stays selectable by hand without JavaScript).
    document.querySelectorAll('[data-copy]').forEach(function (button) {
      var field = document.getElementById(button.getAttribute('data-copy'));
      var done = document.getElementById(button.getAttribute('data-copied'));
      if (!field || !navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener('click', function () {
        navigator.clipboard.writeText(field.value).then(
          function () {
            if (done) done.hidden = false;
          },
          function () {
            field.select();
          },
        );
      });
    });
    // Focusing the field selects it, so the link can be copied by hand too.
    document.addEventListener('focusin', function (e) {
      if (e.target instanceof Element && e.target.matches('input[data-select-all]')) e.target.select();
    });
  });
})();
