// Escaping for HTML written as text rather than rendered by Preact (mail bodies, an SVG's label, a
// value put into HTML rendered once and reused): safe in text and in a quoted attribute value.
const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

const special = /[&<>"']/;

export function escapeHtml(s: string): string {
  // Most text has nothing to escape: testing first spares building a new string.
  return special.test(s) ? s.replace(/[&<>"']/g, (c) => entities[c]!) : s;
}
