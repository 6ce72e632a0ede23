// Where a configured link ("page:home", "product:12", "category:3") leads.
import routes from '@/routes.js'


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

export function openLink(link) {
  const url = linkUrl(link)
  if (!url) return
  const route = link.indexOf('page:') === 0 ? link.slice(5) : ''
  if (route && routes.tabs.indexOf(route) >= 0) uni.switchTab({ url })
  else uni.navigateTo({ url })
}
