// Copy buttons: a form group marked data-klaster-copy="<button label>" holding a read-only input
// gets a button that copies the input's value and says so in a live region. Without scripts the
// address stays in the read-only input, to select and copy by hand.

async function copyText(input: HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(input.value);
    return true;
  } catch {
    input.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

export function initCopyButtons(root: ParentNode = document): void {
  const groups = root.querySelectorAll('[data-klaster-copy]') as NodeListOf<HTMLElement>;
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i]!;
    const input = group.querySelector('input') as HTMLInputElement | null;
    if (!input || group.querySelector('.klaster-copy__button')) continue;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'govuk-button govuk-button--secondary klaster-copy__button';
    button.textContent = group.dataset.klasterCopy ?? '';
    const status = document.createElement('p');
    status.className = 'govuk-body klaster-copy__status';
    status.setAttribute('role', 'status');
    button.addEventListener('click', async () => {
      const ok = await copyText(input);
      status.textContent = (ok ? group.dataset.klasterCopied : group.dataset.klasterCopyFailed) ?? '';
    });
    group.append(button, status);
  }
}
