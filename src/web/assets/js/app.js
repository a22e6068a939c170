// @ts-check
// Fairgrid pages work without this script; it only adds what a browser can do better.

/**
 * Adds the reader's own time under times written in the event's zone, when the reader's
 * clock reads differently ("Your time: 3:30 PM CET").
 */
function showLocalTimes() {
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const lang = document.documentElement.lang || 'en';
  /** @param {string} zone @param {Date} at */
  const clock = (zone, at) => new Intl.DateTimeFormat('en-US', { timeZone: zone, day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).format(at);
  for (const el of document.querySelectorAll('time[data-zone]')) {
    if (!(el instanceof HTMLTimeElement)) continue;
    const zone = el.dataset.zone;
    const at = new Date(el.dateTime);
    if (!zone || Number.isNaN(at.getTime()) || clock(zone, at) === clock(here, at)) continue;
    const local = document.createElement('span');
    local.className = 'local-time';
    const formatted = new Intl.DateTimeFormat(lang, { weekday: 'short', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(at);
    local.textContent = (el.dataset.localLabel ?? '{time}').replace('{time}', formatted);
    el.after(local);
  }
}

/**
 * A form sends once: a second tap while the first is on its way is ignored (the server would
 * replay the first answer anyway, thanks to the attempt id). Reset when the page is shown
 * again from the back-forward cache.
 */
function sendFormsOnce() {
  document.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== 'post') return;
    if (form.dataset.sending) {
      event.preventDefault();
      return;
    }
    form.dataset.sending = 'true';
    if (event.submitter instanceof HTMLButtonElement) event.submitter.setAttribute('aria-disabled', 'true');
  });
  window.addEventListener('pageshow', () => {
    for (const form of document.querySelectorAll('form[data-sending]')) {
      if (form instanceof HTMLFormElement) delete form.dataset.sending;
    }
    for (const button of document.querySelectorAll('button[aria-disabled="true"]')) button.removeAttribute('aria-disabled');
  });
}

showLocalTimes();
sendFormsOnce();
