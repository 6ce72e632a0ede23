// Photos a customer attaches (e.g. to an after-sales request): chosen with the platform's picker
// (on H5 a file input underneath), uploaded one by one to POST /api/shop/uploads with progress.
// The limits are the server's: 9 photos a refund request, 10 MB a photo.
import { IS_H5 } from './platform.js'
import { sendFile } from './transport.js'
import { withSession } from './request.js'

export const PHOTO_LIMIT = 9
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024

// Up to `count` photos → [{ path, size }]; [] when the customer cancels.
export function choosePhotos(count) {
  return new Promise((resolve) => {
    const options = {
      count: Math.max(1, Math.min(PHOTO_LIMIT, count || PHOTO_LIMIT)),
      sizeType: ['compressed'],
      // A browser's file input offers the camera itself; asking first would be one tap too many.
      sourceType: IS_H5 ? ['album'] : ['album', 'camera'],
      success(result) {
        const files = result.tempFiles || (result.tempFilePaths || []).map((path) => ({ path }))
        resolve(files.map((file) => ({ path: file.path || file.tempFilePath, size: file.size || 0 })))
      },
      fail() {
        resolve([])
      }
    }
    uni.chooseImage(options)
  })
}

// One chosen photo → the server's upload { id, url, thumbnail_url, … } (name it in photo_ids).
// options: { onProgress(percent), silent }. Rejects with an ApiError (shown as a toast unless silent).
export function uploadPhoto(filePath, options) {
  const opts = options || {}
  return withSession((token) => sendFile('/api/shop/uploads', filePath, { token, onProgress: opts.onProgress }), { silent: opts.silent })
}
