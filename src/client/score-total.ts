// The evaluation card's running total: a paragraph marked data-klaster-total (with the card's
// criteria as JSON: input name → [weight, max points]) has its total recomputed as the evaluator
// types. Without scripts the "Przelicz" button does the same on the server. Points not valid yet
// (empty, above the maximum, more than two decimals) count as nothing until they are.

const POINTS = /^\d{1,4}(\.\d{1,2})?$/;

export function initScoreTotals(root: ParentNode = document): void {
  const totals = root.querySelectorAll('[data-klaster-total]') as NodeListOf<HTMLElement>;
  for (let i = 0; i < totals.length; i++) {
    const total = totals[i]!;
    const form = total.closest('form');
    const shown = total.querySelector('strong');
    if (!form || !shown) continue;
    let card: Record<string, [string, number]>;
    try {
      card = JSON.parse(total.dataset.klasterTotal ?? '{}');
    } catch {
      continue;
    }
    const format = new Intl.NumberFormat(document.documentElement.lang || undefined, {
      maximumFractionDigits: 5,
    });
    const max = total.dataset.klasterTotalMax ?? '';
    form.addEventListener('input', () => {
      // Hundredths of a point times thousandths of a weight: exact, as on the server.
      let sum = 0;
      for (const [name, [weight, maxPoints]] of Object.entries(card)) {
        const input = form.elements.namedItem(name) as HTMLInputElement | null;
        const value = (input?.value ?? '').trim().replace(',', '.');
        if (POINTS.test(value) && Number(value) <= maxPoints)
          sum += Math.round(Number(value) * 100) * Math.round(Number(weight) * 1000);
      }
      shown.textContent = `${format.format(sum / 100_000)} / ${max}`;
    });
  }
}
