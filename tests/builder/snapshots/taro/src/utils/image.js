// Images are requested as WebP when the image host supports it (the configured query
// parameter); components fall back to the original URL if the WebP request fails.
import settings from '@/api/settings.js'

export function webpUrl(url) {
  if (!url || !settings.webpParam) return url || ''
  return url + (url.indexOf('?') >= 0 ? '&' : '?') + settings.webpParam
}

// The size of the tile shown instead of a missing picture: an image sized by its picture
// (height "auto") has no height without one, so its tile is half as high as it is wide.
export function tileSize(width, height) {
  return height === 'auto' ? { width, aspectRatio: '2 / 1' } : { width, height }
}
