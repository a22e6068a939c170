// @ts-check
// The availability day grid: each cell is one slot the volunteer could give. Click or drag to
// pick cells; with the keyboard, arrows move, Space or Enter toggles, Shift+arrow extends.
// On submit the picked cells become the same day/from/to fields the plain form sends.

const form = document.querySelector('form[data-availability-form]');
const grid = form?.querySelector('[data-grid]');
const rows = form?.querySelector('fieldset[data-rows]');

if (form instanceof HTMLFormElement && grid instanceof HTMLElement && rows instanceof HTMLFieldSetElement) {
  /** @type {HTMLButtonElement[]} */
  const cells = [...grid.querySelectorAll('button.cell')].filter((c) => c instanceof HTMLButtonElement);
  const status = grid.querySelector('[data-grid-status]');
  if (cells.length) {
    grid.hidden = false;
    // The rows stay in the page for the record, but a disabled fieldset sends nothing.
    rows.hidden = true;
    rows.disabled = true;
    wire(form, grid, cells, status);
  }
}

/**
 * @param {HTMLFormElement} form
 * @param {HTMLElement} grid
 * @param {HTMLButtonElement[]} cells
 * @param {Element | null} status
 */
function wire(form, grid, cells, status) {
  /** @param {HTMLButtonElement} cell */
  const isOn = (cell) => cell.getAttribute('aria-pressed') === 'true';
  /** @param {HTMLButtonElement} cell @param {boolean} on */
  const set = (cell, on) => cell.setAttribute('aria-pressed', on ? 'true' : 'false');
  const announce = () => {
    if (!(status instanceof HTMLElement)) return;
    const count = cells.filter(isOn).length;
    const template = new Intl.PluralRules(document.documentElement.lang || 'en').select(count) === 'one' ? status.dataset.one : status.dataset.other;
    status.textContent = (template ?? '{count}').replace('{count}', String(count));
  };
  /** Only one cell is in the Tab order; arrows move within the grid (a roving tabindex). @param {number} index */
  const focusCell = (index) => {
    const target = cells[Math.max(0, Math.min(cells.length - 1, index))];
    for (const cell of cells) cell.tabIndex = cell === target ? 0 : -1;
    target.focus();
  };
  for (const cell of cells) cell.tabIndex = -1;
  (cells.find(isOn) ?? cells[0]).tabIndex = 0;

  /** A drag paints the state its first cell takes. @type {boolean | undefined} */
  let painting;
  grid.addEventListener('pointerdown', (event) => {
    const cell = event.target instanceof Element ? event.target.closest('button.cell') : null;
    if (!(cell instanceof HTMLButtonElement) || event.button !== 0) return;
    event.preventDefault();
    painting = !isOn(cell);
    set(cell, painting);
    focusCell(cells.indexOf(cell));
    announce();
  });
  grid.addEventListener('pointermove', (event) => {
    if (painting === undefined) return;
    const under = document.elementFromPoint(event.clientX, event.clientY);
    const cell = under ? under.closest('button.cell') : null;
    if (cell instanceof HTMLButtonElement && isOn(cell) !== painting) {
      set(cell, painting);
      announce();
    }
  });
  const stop = () => (painting = undefined);
  window.addEventListener('pointerup', stop);
  window.addEventListener('pointercancel', stop);
  // Keyboard and assistive technology "click" without a pointer: toggle then.
  grid.addEventListener('click', (event) => {
    const cell = event.target instanceof Element ? event.target.closest('button.cell') : null;
    if (!(cell instanceof HTMLButtonElement) || event.detail !== 0) return;
    set(cell, !isOn(cell));
    announce();
  });
  grid.addEventListener('keydown', (event) => {
    const index = cells.indexOf(/** @type {HTMLButtonElement} */ (document.activeElement));
    if (index < 0) return;
    const steps = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    const step = steps[/** @type {keyof typeof steps} */ (event.key)];
    if (step) {
      event.preventDefault();
      const next = index + step;
      if (event.shiftKey && cells[next]) {
        set(cells[next], isOn(cells[index]));
        announce();
      }
      focusCell(next);
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      focusCell(event.key === 'Home' ? 0 : cells.length - 1);
    }
  });

  form.addEventListener('submit', () => {
    for (const old of form.querySelectorAll('input[data-from-grid]')) old.remove();
    for (const run of runs(cells.map((cell) => ({ on: isOn(cell), day: cell.dataset.day ?? '', from: cell.dataset.from ?? '', to: cell.dataset.to ?? '' })))) {
      for (const [name, value] of Object.entries(run)) {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = name;
        input.value = value;
        input.dataset.fromGrid = '';
        form.append(input);
      }
    }
  });
  announce();
}

/**
 * Neighbouring picked cells of one day make one window, from the first one's start to the last
 * one's end (breaks between slots included, as the server cuts windows into slots the same way).
 * @param {{ on: boolean; day: string; from: string; to: string }[]} cells
 * @returns {{ day: string; from: string; to: string }[]}
 */
function runs(cells) {
  /** @type {{ day: string; from: string; to: string }[]} */
  const windows = [];
  let open = false;
  cells.forEach((cell, i) => {
    const previous = cells[i - 1];
    if (!cell.on) {
      open = false;
      return;
    }
    const last = windows.at(-1);
    if (open && last && previous && previous.day === cell.day) last.to = cell.to;
    else windows.push({ day: cell.day, from: cell.from, to: cell.to });
    open = true;
  });
  return windows;
}
