// Where a configured link leads ("page:home", "product:12", "category:3", a plugin's record such
// as "coupon:5", or "url:https://…"), and moving between pages: the merchant's pages
// (routes.pages), the system and app pages (routes.system) and tabs.
import routes from '@/routes.js'
import { localized, t } from '@/locale/index.js'
import { IS_H5, toast } from '@/runtime/platform.js'

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
  if (!/^[0-9]+$/.test(value)) return ''
  // a plugin's linkable record opens its app page (kaidian_register_reference_kinds' link_page)
  if (routes.links && routes.links[kind]) return systemUrl(routes.links[kind], { id: value })
  const route = routes.special[kind]
  if (!route) return ''
  return routes.pages[route] + '?id=' + value
}

// The https address of an outside link ("url:https://…") whose host is on the shop's
// allow-list (routes.linkDomains, the app setting link_domains), else ''.
export function outsideUrl(link) {
  if (!link || link.slice(0, 4) !== 'url:') return ''
  const address = link.slice(4)
  const match = /^https:\/\/([A-Za-z0-9.-]+)(:[0-9]{1,5})?([/?#]|$)/.exec(address)
  if (!match) return ''
  return (routes.linkDomains || []).indexOf(match[1].toLowerCase()) >= 0 ? address : ''
}

// An outside link: the H5 app goes there; a mini-program cannot open arbitrary addresses
// (web-view needs the domain registered as a business domain), so it copies the address.
function openOutside(link) {
  const address = outsideUrl(link)
  if (!address) {
    toast(t('link_refused'))
    return
  }
  if (IS_H5) {
    window.location.href = address
    return
  }
  uni.setClipboardData({ data: address, success: () => toast(t('link_copied')) })
}

function isTab(url) {
  return routes.tabs.some((route) => routes.pages[route] === url)
}

export function openLink(link) {
  if (link && link.slice(0, 4) === 'url:') return openOutside(link)
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
