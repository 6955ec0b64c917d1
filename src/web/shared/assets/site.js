// Délais IJ: progressive enhancement only. Every page works without this file.
(function () {
  'use strict';

  // /signaler: a search box that narrows the list of funds (the plain <select> stays the real field).
  function enhanceFundSelect(select) {
    var all = Array.prototype.map.call(select.options, function (option) {
      return { value: option.value, text: option.text };
    });
    var wrapper = document.createElement('div');
    wrapper.className = 'field';
    var label = document.createElement('label');
    label.htmlFor = 'recherche-caisse';
    label.textContent = 'Rechercher votre caisse (numéro ou nom du département)';
    var input = document.createElement('input');
    input.type = 'search';
    input.id = 'recherche-caisse';
    input.autocomplete = 'off';
    var status = document.createElement('p');
    status.className = 'hint';
    status.setAttribute('aria-live', 'polite');
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    wrapper.appendChild(status);
    // Before the fund's own field, so that field's error styling stays on the real select.
    var field = select.closest('.field') || select;
    field.parentNode.insertBefore(wrapper, field);

    function normalise(text) {
      return text.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[-']/g, ' ');
    }
    input.addEventListener('input', function () {
      var query = normalise(input.value.trim());
      var selected = select.value;
      var matches = all.filter(function (entry) {
        return entry.value === '' || entry.value === selected || normalise(entry.text).indexOf(query) !== -1;
      });
      select.innerHTML = '';
      matches.forEach(function (entry) {
        var option = new Option(entry.text, entry.value, false, entry.value === selected);
        select.appendChild(option);
      });
      var count = matches.filter(function (entry) { return entry.value !== ''; }).length;
      status.textContent = query ? count + ' caisse(s) correspondent à votre recherche.' : '';
      // One match: select it, so the person does not have to open the list.
      if (count === 1 && matches.length === 2 && selected === '') select.value = matches[1].value;
    });
  }

  // The receipt page: copy and print buttons appear only when they can work.
  function enhanceReceipt() {
    var copy = document.querySelector('[data-copy-receipt]');
    var receipt = document.getElementById('recu');
    var status = document.getElementById('copie-statut');
    if (copy && receipt && navigator.clipboard) {
      copy.hidden = false;
      copy.addEventListener('click', function () {
        navigator.clipboard.writeText(receipt.textContent.trim()).then(function () {
          status.textContent = 'Reçu copié. Collez-le dans vos notes ou un message à vous-même.';
        }, function () {
          status.textContent = 'La copie a échoué : recopiez le reçu à la main.';
        });
      });
    }
    var print = document.querySelector('[data-print]');
    if (print && window.print) {
      print.hidden = false;
      print.addEventListener('click', function () { window.print(); });
    }
  }

  // /signaler: the payment date shows only under "Payé le" (without JS it is always visible).
  function enhancePaymentQuestion() {
    var paidDate = document.querySelector('[data-paid-date]');
    var paid = document.getElementById('paymentStatus-paid');
    var waiting = document.getElementById('paymentStatus-waiting');
    if (!paidDate || !paid || !waiting) return;
    function update() {
      paidDate.hidden = !paid.checked;
      if (!paid.checked) document.getElementById('firstPaidOn').value = '';
    }
    paid.addEventListener('change', update);
    waiting.addEventListener('change', update);
    // Shown when an error points at it, whatever the choice.
    if (!paidDate.querySelector('.error-message')) update();
  }

  function start() {
    enhancePaymentQuestion();
    var select = document.getElementById('caisseCode');
    if (select && select.tagName === 'SELECT') enhanceFundSelect(select);
    enhanceReceipt();
    // After a failed submit, bring keyboard and screen-reader users to the list of corrections.
    var summary = document.querySelector('[data-error-summary]');
    if (summary) summary.focus();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
