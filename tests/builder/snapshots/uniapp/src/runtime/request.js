// request(): the one way components talk to the customer API. Timeouts, retries for GETs only,
// the customer token (logging in silently when `auth` is set, and once more after a 401),
// Idempotency-Key for order-creating calls, and the server's problem message as a toast.
import settings from '@/api/settings.js'
import { ApiError, send } from './transport.js'
import { ensureLogin, expire, token } from './session.js'
import { randomId, toast } from './platform.js'
import { t } from '@/locale/index.js'

const GET_RETRIES = 2

function wait(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

// A fresh key per checkout *attempt*: keep it while retrying the same attempt (a double tap
// sends the same key, so the server makes one order) and make a new one for a new attempt.
export function newIdempotencyKey() {
  return 'kd-' + Date.now().toString(36) + '-' + randomId(12)
}

// Runs call(token) under the rules every API call follows: log in first when `auth` is set
// (default), log in again once after a 401, retry network errors and 5xx `retries` times, and
// turn a failure into an ApiError whose message is shown as a toast unless `silent`.
export async function withSession(call, options) {
  const opts = options || {}
  const auth = opts.auth !== false
  const attempts = (opts.retries || 0) + 1
  let relogged = false
  for (let attempt = 1; ; attempt += 1) {
    try {
      const current = auth ? await ensureLogin() : token()
      return await call(current)
    } catch (error) {
      const failure = error instanceof ApiError ? error : new ApiError(0, { code: 'network', message: '' })
      if (failure.status === 401 && auth && !relogged) {
        relogged = true
        expire()
        attempt -= 1
        continue
      }
      const retryable = failure.status === 0 || failure.status >= 500
      if (retryable && attempt < attempts) {
        await wait(300 * attempt)
        continue
      }
      if (!failure.message || failure.message === 'network') failure.message = failure.status ? t('request_failed') : t('network_error')
      if (!opts.silent) toast(failure.message)
      throw failure
    }
  }
}

// options: { data, auth (default true: log in first), headers, idempotencyKey, timeout, silent }
export function request(method, path, options) {
  const opts = options || {}
  const headers = Object.assign({}, opts.headers || {})
  if (opts.idempotencyKey) headers['Idempotency-Key'] = opts.idempotencyKey
  return withSession(
    (current) => send(method, path, { data: opts.data, headers, timeout: opts.timeout, token: current }),
    { auth: opts.auth, silent: opts.silent, retries: method === 'GET' ? GET_RETRIES : 0 }
  )
}

// A public read of this shop (/api/shop/{shop_id}…): it never logs a guest in; a customer's
// token goes along when there is one, so the answer can show what they already hold.
export function getPublic(path, options) {
  return request('GET', '/api/shop/' + settings.shopId + path, Object.assign({ silent: true }, options, { auth: false }))
}

export const get = (path, options) => request('GET', path, options)
export const post = (path, data, options) => request('POST', path, Object.assign({}, options, { data }))
export const put = (path, data, options) => request('PUT', path, Object.assign({}, options, { data }))
export const patch = (path, data, options) => request('PATCH', path, Object.assign({}, options, { data }))
export const del = (path, options) => request('DELETE', path, options)

export { ApiError }
