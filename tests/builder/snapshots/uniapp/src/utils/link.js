// Where a configured link ("page:home", "product:12", "category:3") leads, and moving between
// pages: the merchant's pages (routes.pages), the system pages (routes.system) and tabs.
import routes from '@/routes.js'
import { localized } from '@/locale/index.js'

function withQuery(url, query) {
  const keys = Object.keys(query || {}).filter((key) => query[key] !== undefined && query[key] !== null && query[key] !== '')
  if (!keys.length) return url
  return url + '?' + keys.map((key) => key + '=' + encodeURIComponent(String(query[key]))).join('&')
}

export function linkUrl(link) {
  if (!link) return ''
  const colon = link.indexOf(':')
  const kind = link.slice(0, colon)
  const value = link.slice(colon + 1)
  if (kind === 'page') return routes.pages[value] || ''
  const route = routes.special[kind]
  if (!route || !/^[0-9]+$/.test(value)) return ''
  return routes.pages[route] + '?id=' + value
}

function isTab(url) {
  return routes.tabs.some((route) => routes.pages[route] === url)
}

export function openLink(link) {
  const url = linkUrl(link)
  if (!url) return
  if (isTab(url)) uni.switchTab({ url })
  else uni.navigateTo({ url })
}

// The URL of a system page ("checkout", "order", …) or of a special page ("product", "cart").
export function systemUrl(name, query) {
  const url = routes.system[name] || (routes.special[name] ? routes.pages[routes.special[name]] : '')
  return url ? withQuery(url, query) : ''
}

// Open a system or special page; `replace` swaps the current page (e.g. checkout → pay result).
export function go(name, query, replace) {
  const url = systemUrl(name, query)
  if (!url) return false
  if (isTab(url)) uni.switchTab({ url })
  else if (replace) uni.redirectTo({ url })
  else uni.navigateTo({ url })
  return true
}

// The user centre's links to pages plugins added (kaidian_register_app_pages): [{ name, title }].
export function pageEntries() {
  return (routes.entries || []).map((entry) => ({ name: entry.name, title: localized(entry.title) }))
}

export function goTab(route) {
  const url = routes.pages[route] || routes.pages[routes.tabs[0]]
  if (url) uni.switchTab({ url })
}

export function goBack() {
  if (getCurrentPages().length > 1) uni.navigateBack({ delta: 1 })
  else goTab('')
}
