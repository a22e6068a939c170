// @ts-check
// The staff console (issue 13): an allocation run's page shows its progress live by reloading
// itself while the run is queued or running; it works without this script (reload by hand).

const run = document.querySelector('[data-run-status]');
if (run instanceof HTMLElement && (run.dataset.runStatus === 'queued' || run.dataset.runStatus === 'running')) {
  setTimeout(() => window.location.reload(), 1500);
}
