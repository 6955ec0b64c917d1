// Délais IJ: the ALTCHA widget solves in a Web Worker served from this origin (CSP: 'self').
// Loaded after the French strings and before the widget itself.
globalThis.$altcha.algorithms.set('PBKDF2/SHA-256', function () {
  return new Worker('/assets/altcha/pbkdf2-worker.js');
});

// A form filled in over more than the challenge's 10 minutes: solve a new one at once, so the
// report is not sent without a proof of work (it would then wait for review).
document.querySelectorAll('altcha-widget').forEach(function (widget) {
  widget.addEventListener('expired', function () {
    widget.verify();
  });
});
