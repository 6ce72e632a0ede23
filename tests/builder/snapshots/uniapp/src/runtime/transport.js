// One HTTP call to the customer API with the headers every call carries; no retries, no login.
// request.js builds the runtime's request() on top of it; session.js logs in with it.
import settings from '@/api/settings.js'
import { currentLocale } from '@/locale/index.js'
import { IS_H5, load, randomId, save } from './platform.js'

const DEVICE_KEY = 'kaidian_device'
let device = ''

// A random id of this installation: it owns the guest cart until the customer logs in.
export function deviceToken() {
  if (!device) {
    device = load(DEVICE_KEY, '')
    if (!/^[A-Za-z0-9_-]{16,128}$/.test(device)) {
      device = randomId(32)
      save(DEVICE_KEY, device)
    }
  }
  return device
}

export class ApiError extends Error {
  // status: HTTP status (0 = no answer); code/field/message: the server's problem JSON.
  constructor(status, body) {
    const problem = body && typeof body === 'object' ? body : {}
    super(problem.message || (status ? 'HTTP ' + status : 'network'))
    this.status = status
    this.code = problem.code || (status ? 'http_' + status : 'network')
    this.field = problem.field || null
    this.errors = problem.errors || null
    this.body = body
  }

  get network() {
    return this.status === 0
  }
}

function headersOf(opts) {
  return Object.assign(
    { 'Accept-Language': currentLocale(), 'X-Kaidian-Shop': String(settings.shopId), 'X-Device-Token': deviceToken() },
    opts.token ? { Authorization: 'Bearer ' + opts.token } : {},
    opts.headers || {}
  )
}

// options.outlivePage: the page is going away (H5 tab hidden or closing): a keepalive fetch
// finishes after it (sendBeacon cannot send our headers); elsewhere an ordinary request.
export function send(method, path, options) {
  const opts = options || {}
  const header = headersOf(opts)
  if (opts.outlivePage && IS_H5 && typeof fetch === 'function') {
    header['Content-Type'] = 'application/json'
    return fetch(settings.baseUrl + path, { method, keepalive: true, headers: header, body: JSON.stringify(opts.data) }).then(
      (response) => (response.ok ? null : Promise.reject(new ApiError(response.status, null))),
      () => Promise.reject(new ApiError(0, null))
    )
  }
  return new Promise((resolve, reject) => {
    uni.request({
      url: settings.baseUrl + path,
      method,
      data: opts.data,
      timeout: opts.timeout || 10000,
      header,
      success(response) {
        if (response.statusCode >= 200 && response.statusCode < 300) resolve(response.data)
        else reject(new ApiError(response.statusCode, response.data))
      },
      fail() {
        reject(new ApiError(0, null))
      }
    })
  })
}

// One multipart upload of a local file (a chosen photo's temporary path; a blob: URL on H5) as
// the form field `file`. options: { token, headers, timeout, onProgress(percent) }.
export function sendFile(path, filePath, options) {
  const opts = options || {}
  return new Promise((resolve, reject) => {
    const task = uni.uploadFile({
      url: settings.baseUrl + path,
      filePath,
      name: 'file',
      header: headersOf(opts),
      timeout: opts.timeout || 60000,
      success(response) {
        // uploadFile hands the body over as text on every platform.
        let body = response.data
        try {
          body = typeof body === 'string' && body ? JSON.parse(body) : body
        } catch (error) {
          // not JSON: keep the text
        }
        if (response.statusCode >= 200 && response.statusCode < 300) resolve(body)
        else reject(new ApiError(response.statusCode, body))
      },
      fail() {
        reject(new ApiError(0, null))
      }
    })
    if (task && opts.onProgress) {
      const listen = typeof task.progress === 'function' ? task.progress : task.onProgressUpdate
      if (typeof listen === 'function') listen.call(task, (event) => opts.onProgress(event.progress || 0))
    }
  })
}
