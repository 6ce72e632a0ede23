// Images are requested as WebP when the image host supports it (the configured query
// parameter); components fall back to the original URL if the WebP request fails.
import settings from '@/api/settings.js'

export function webpUrl(url) {
  if (!url || !settings.webpParam) return url || ''
  return url + (url.indexOf('?') >= 0 ? '&' : '?') + settings.webpParam
}
