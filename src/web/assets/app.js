/* global document, window, Element, Event */
// Small progressive enhancements; every page works without JavaScript.
(function () {
  'use strict';
  document.addEventListener('click', function (e) {
    var target = e.target;
    if (!(target instanceof Element)) return;
    if (target.closest('[data-print]')) {
      e.preventDefault();
      window.print();
    }
    var markAll = target.closest('[data-mark-all]');
    if (markAll) {
      // "Mark all attended" fills the form; saving still sends one batch.
      e.preventDefault();
      var form = markAll.closest('form');
      form.querySelectorAll('input[type=radio][value=ATTENDED]').forEach(function (r) {
        r.checked = true;
        r.dispatchEvent(new Event('change', { bubbles: true }));
      });
    }
  });
  // Absence reason fields only matter when "absent" is chosen.
  function syncRow(row) {
    var absent = row.querySelector('input[type=radio][value=ABSENT]');
    var box = row.querySelector('.absence');
    if (!absent || !box) return;
    box.hidden = !absent.checked;
    box.querySelectorAll('select, input').forEach(function (el) {
      el.disabled = !absent.checked;
    });
  }
  document.addEventListener('change', function (e) {
    var row = e.target instanceof Element ? e.target.closest('[data-row]') : null;
    if (row) syncRow(row);
  });
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-row]').forEach(syncRow);
    // A form's result (confirmation, refusal, suitability) takes the focus, so it is read out and in view.
    var result = document.querySelector('[data-focus]');
    if (result) {
      result.focus();
      result.scrollIntoView({ block: 'start' });
    }
  });
})();
