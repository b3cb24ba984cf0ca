// The little script the report carries: a stepper per trace that shows one
// step (or one aligned row) at a time. Without it every step is shown.
export const SCRIPT = `
for (const box of document.querySelectorAll('[data-stepper]')) {
  const steps = [...box.querySelectorAll('[data-step]')].filter((el) => el.closest('[data-stepper]') === box);
  const bar = box.querySelector('.stepper');
  if (!bar || steps.length === 0) continue;
  const position = bar.querySelector('.position');
  let at = -1;
  const show = (k) => {
    at = k;
    steps.forEach((step, j) => { step.hidden = k >= 0 && j !== k; });
    position.textContent = k < 0 ? 'All ' + steps.length + ' steps shown' : 'Step ' + (k + 1) + ' of ' + steps.length;
  };
  bar.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    if (!button) return;
    const go = button.dataset.go;
    if (go === 'next') show(Math.min(at + 1, steps.length - 1));
    else if (go === 'prev') show(Math.max(at - 1, 0));
    else show(-1);
  });
  bar.hidden = false;
  show(-1);
}
`;
