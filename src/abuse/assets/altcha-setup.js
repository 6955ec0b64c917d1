// Délais IJ: the ALTCHA widget solves in a Web Worker served from this origin (CSP: 'self').
// Loaded after the French strings and before the widget itself.
globalThis.$altcha.algorithms.set('PBKDF2/SHA-256', function () {
  return new Worker('/assets/altcha/pbkdf2-worker.js');
});
