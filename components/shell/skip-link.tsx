// "Skip to content": the first Tab stop of a page with navigation before its content. It lands on
// <main id="content" tabIndex={-1}>; hidden until focused. A plain link, so it works before (and
// without) the page's scripts.
export function SkipLink() {
  return (
    <a
      href="#content"
      className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:text-indigo-700 focus:shadow-lg focus:ring-2 focus:ring-indigo-600"
    >
      Skip to content
    </a>
  );
}
