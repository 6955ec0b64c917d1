// Délais IJ: progressive enhancement only. Every page works without this file.
(function () {
  'use strict';

  function normalise(text) {
    return text
      .toLowerCase()
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[-'’]/g, ' ');
  }

  // /statistiques: the table by fund sorts in place (the header links still load the sorted page
  // without JS) and gets a search box. Same rules as src/web/statistics/fund-table-sort.ts: by a
  // figure, rows without a published one last in code order, '' (not reached) after every value,
  // ties by code; by fund, every row in code order.
  function enhanceFundTable(table) {
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var links = Array.prototype.slice.call(table.tHead.querySelectorAll('a[data-tri]'));
    var columns = links.map(function (link) {
      return link.getAttribute('data-tri');
    });
    var announcement = table.querySelector('[data-annonce-tri]');
    var status = document.createElement('p');
    status.className = 'visually-hidden';
    status.setAttribute('aria-live', 'polite');
    table.parentNode.parentNode.insertBefore(status, table.parentNode);

    function defaultOrder(column) {
      return column === 'caisse' ? 'croissant' : 'decroissant';
    }
    function code(row) {
      return row.getAttribute('data-caisse');
    }
    function value(row, index) {
      var text = row.cells[index].getAttribute('data-valeur');
      return text === '' ? Infinity : Number(text);
    }
    function sortRows(column, order) {
      var index = columns.indexOf(column);
      var direction = order === 'croissant' ? 1 : -1;
      var byCode = function (a, b) {
        return code(a) < code(b) ? -1 : code(a) > code(b) ? 1 : 0;
      };
      var byFund = column === 'caisse';
      var published = rows.filter(function (row) {
        return byFund || !row.hasAttribute('data-non-publie');
      });
      var hidden = rows.filter(function (row) {
        return !byFund && row.hasAttribute('data-non-publie');
      });
      published.sort(function (a, b) {
        if (byFund) return direction * byCode(a, b);
        var x = value(a, index);
        var y = value(b, index);
        return x === y ? byCode(a, b) : direction * (x < y ? -1 : 1);
      });
      hidden.sort(byCode);
      published.concat(hidden).forEach(function (row) {
        tbody.appendChild(row);
      });
    }
    function describe(column, order) {
      var link = links[columns.indexOf(column)];
      return (
        'Trié par ' +
        link.firstChild.textContent.toLowerCase() +
        ', ' +
        link.getAttribute('data-' + order) +
        (column === 'caisse' ? '' : ' ; les caisses sans chiffre publié en dernier') +
        '.'
      );
    }
    function show(column, order) {
      var query = new URLSearchParams(location.search);
      links.forEach(function (link, index) {
        var current = columns[index] === column;
        var next = current ? (order === 'croissant' ? 'decroissant' : 'croissant') : defaultOrder(columns[index]);
        query.set('tri', columns[index]);
        if (next === defaultOrder(columns[index])) query.delete('ordre');
        else query.set('ordre', next);
        if (columns[index] === 'caisse') query.delete('tri');
        link.href = location.pathname + '?' + query.toString() + '#par-caisse';
        link.setAttribute('data-ordre-suivant', next);
        link.lastChild.textContent = ' : trier ' + link.getAttribute('data-' + next);
        if (current) link.parentNode.setAttribute('aria-sort', order === 'croissant' ? 'ascending' : 'descending');
        else link.parentNode.removeAttribute('aria-sort');
      });
      if (announcement) announcement.textContent = describe(column, order);
      var sortField = document.getElementById('tri');
      var orderField = document.getElementById('ordre');
      if (sortField) sortField.value = column;
      if (orderField) orderField.value = order === defaultOrder(column) ? '' : order;
    }
    table.tHead.addEventListener('click', function (event) {
      var link = event.target.closest('a[data-tri]');
      if (!link) return;
      event.preventDefault();
      var column = link.getAttribute('data-tri');
      var order = link.getAttribute('data-ordre-suivant');
      // The address the link would have loaded: shareable, and the same view after a reload.
      history.replaceState(null, '', link.href);
      sortRows(column, order);
      show(column, order);
      status.textContent = describe(column, order);
    });

    var holder = document.querySelector('[data-recherche-tableau="' + table.id + '"]');
    if (!holder) return;
    holder.className = 'field table-search';
    var box = addSearchBox(holder, 'recherche-tableau', 'Rechercher une caisse ou un département (nom ou numéro)');
    var input = box.input;
    var count = box.status;
    input.addEventListener('input', function () {
      var query = normalise(input.value.trim());
      var shown = 0;
      rows.forEach(function (row) {
        var match = query === '' || row.getAttribute('data-recherche').indexOf(query) !== -1;
        row.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent =
        query === ''
          ? ''
          : shown === 0
            ? 'Aucune caisse ne correspond à votre recherche.'
            : shown + ' caisse' + (shown > 1 ? 's' : '') + ' sur ' + rows.length + ' affichée' + (shown > 1 ? 's' : '') + '.';
    });
  }

  // A labelled search input and its polite live status line, appended to `holder`.
  function addSearchBox(holder, id, labelText) {
    var label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = labelText;
    var input = document.createElement('input');
    input.type = 'search';
    input.id = id;
    input.autocomplete = 'off';
    var status = document.createElement('p');
    status.className = 'hint';
    status.setAttribute('aria-live', 'polite');
    holder.appendChild(label);
    holder.appendChild(input);
    holder.appendChild(status);
    return { input: input, status: status };
  }

  // /signaler: a search box that narrows the list of funds (the plain <select> stays the real field).
  function enhanceFundSelect(select) {
    var all = Array.prototype.map.call(select.options, function (option) {
      return { value: option.value, text: option.text };
    });
    var wrapper = document.createElement('div');
    wrapper.className = 'field';
    var box = addSearchBox(wrapper, 'recherche-caisse', 'Rechercher votre caisse (numéro ou nom du département)');
    var input = box.input;
    var status = box.status;
    // Before the fund's own field, so that field's error styling stays on the real select.
    var field = select.closest('.field') || select;
    field.parentNode.insertBefore(wrapper, field);

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
      var count = matches.filter(function (entry) {
        return entry.value !== '';
      }).length;
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
        navigator.clipboard.writeText(receipt.textContent.trim()).then(
          function () {
            status.textContent = 'Reçu copié. Collez-le dans vos notes ou un message à vous-même.';
          },
          function () {
            status.textContent = 'La copie a échoué : recopiez le reçu à la main.';
          },
        );
      });
    }
    var print = document.querySelector('[data-print]');
    if (print && window.print) {
      print.hidden = false;
      print.addEventListener('click', function () {
        window.print();
      });
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
    var fundTable = document.getElementById('tableau-caisses');
    if (fundTable) enhanceFundTable(fundTable);
    // After a failed submit, bring keyboard and screen-reader users to the list of corrections.
    var summary = document.querySelector('[data-error-summary]');
    if (summary) summary.focus();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
