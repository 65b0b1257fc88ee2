// A part of a page that is the same for every reader of one language (a public calendar grid) can
// be rendered once and reused: `prerender` renders it to HTML in the current page's context, and
// `Prerendered` puts that HTML back into a page. The HTML comes from our own escaped rendering only.
import { type ComponentChildren, h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { useView, ViewCtx } from './context.ts';

/** Renders children to HTML with the page's view context (call it while rendering a page). */
export function usePrerender(): (children: ComponentChildren) => string {
  const ctx = useView();
  return (children) => renderToString(h(ViewCtx.Provider, { value: ctx }, children));
}

export function Prerendered({ html }: { html: string }) {
  return <div class="klaster-prerendered" dangerouslySetInnerHTML={{ __html: html }} />;
}
