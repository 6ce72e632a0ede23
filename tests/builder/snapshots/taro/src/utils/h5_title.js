// Taro H5's navigation bar writes page titles with innerHTML, so the builder hands it titles as
// HTML text (entities). The browser's tab title is plain text: show it decoded, once per change.
// DOMParser documents are inert (no scripts, no image loads), so decoding runs nothing.
let shown = null

function decode(html) {
  return new DOMParser().parseFromString(html, 'text/html').documentElement.textContent
}

export function showPlainTitles() {
  const element = document.querySelector('title')
  if (!element) return
  new MutationObserver(() => {
    if (document.title === shown) return
    shown = decode(document.title)
    if (shown !== document.title) document.title = shown
  }).observe(element, { childList: true, characterData: true, subtree: true })
}
